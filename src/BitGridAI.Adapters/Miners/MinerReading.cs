using BitGridAI.Adapters.Drivers;
using BitGridAI.Domain.Signals;

namespace BitGridAI.Adapters.Miners;

/// <summary>A miner's state normalized across firmwares: hashrate in TH/s, hottest temperature in °C, power in W (null when the firmware does not say).</summary>
public sealed record MinerReading(double? HashrateThs, double? MaxTempC, double? PowerW, long? UptimeSeconds)
{
    /// <summary>The readings the miner grain watches; what the firmware did not say is left out (missing, not zero).</summary>
    public IReadOnlyList<Reading> ToReadings()
    {
        var readings = new List<Reading>(2);
        if (MaxTempC is { } temp)
        {
            readings.Add(new Reading(Signal.MinerTempC, temp));
        }
        if (PowerW is { } power)
        {
            readings.Add(new Reading(Signal.MinerPowerW, power));
        }
        return readings;
    }
}
