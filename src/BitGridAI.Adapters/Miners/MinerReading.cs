using BitGridAI.Domain.Signals;
using BitGridAI.Grains.Abstractions.Messages;

namespace BitGridAI.Adapters.Miners;

/// <summary>A miner's state normalized across firmwares: hashrate in TH/s, hottest temperature in °C, power in W (null when the firmware does not say).</summary>
public sealed record MinerReading(double? HashrateThs, double? MaxTempC, double? PowerW, long? UptimeSeconds)
{
    /// <summary>The samples the miner grain watches, stamped <paramref name="now"/>; what the firmware did not say is left out (missing, not zero).</summary>
    public IReadOnlyList<TelemetrySample> ToSamples(DateTimeOffset now)
    {
        var samples = new List<TelemetrySample>(2);
        if (MaxTempC is { } temp)
        {
            samples.Add(new TelemetrySample(Signal.MinerTempC, temp, now));
        }
        if (PowerW is { } power)
        {
            samples.Add(new TelemetrySample(Signal.MinerPowerW, power, now));
        }
        return samples;
    }
}
