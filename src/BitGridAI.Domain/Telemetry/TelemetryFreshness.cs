using BitGridAI.Domain.Signals;

namespace BitGridAI.Domain.Telemetry;

/// <summary>
/// How old a signal's latest sample may be and still count (ARCHITECTURE: 60 s by default, SoC 120 s;
/// price and forecast change slowly and keep for an hour). Older readings count as missing.
/// </summary>
public sealed record TelemetryFreshness
{
    public static TelemetryFreshness Default { get; } = new();

    public TimeSpan DefaultMaxAge { get; init; } = TimeSpan.FromSeconds(60);
    public TimeSpan SocMaxAge { get; init; } = TimeSpan.FromSeconds(120);
    public TimeSpan PriceAndForecastMaxAge { get; init; } = TimeSpan.FromHours(1);

    public TimeSpan MaxAge(Signal signal) => signal switch
    {
        Signal.BatterySocPct => SocMaxAge,
        Signal.EnergyPriceCtKwh or Signal.PvForecastKw => PriceAndForecastMaxAge,
        _ => DefaultMaxAge,
    };
}
