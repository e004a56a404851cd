namespace BitGridAI.Adapters.Miners;

/// <summary>A miner's state normalized across firmwares: hashrate in TH/s, hottest temperature in °C, power in W (null when the firmware does not say).</summary>
public sealed record MinerReading(double? HashrateThs, double? MaxTempC, double? PowerW, long? UptimeSeconds);
