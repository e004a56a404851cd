using BitGridAI.Domain.Signals;

namespace BitGridAI.Domain.Telemetry;

/// <summary>
/// How old a signal's latest sample may be and still count (ARCHITECTURE: 60 s by default, SoC 120 s;
/// price and forecast change slowly and keep for an hour, so an hourly tariff counts in every block of its
/// hour). Older readings count as missing; so do readings stamped ahead of the clock beyond
/// <see cref="SampleCheck.FutureTolerance"/> (a clock that ran ahead before a crash cannot vouch for them).
/// </summary>
public sealed record TelemetryFreshness
{
    public static TelemetryFreshness Default { get; } = new();

    public TimeSpan DefaultMaxAge { get; init; } = TimeSpan.FromSeconds(60);
    public TimeSpan SocMaxAge { get; init; } = TimeSpan.FromSeconds(120);
    public TimeSpan PriceAndForecastMaxAge { get; init; } = TimeSpan.FromHours(1);

    /// <summary>
    /// How long a hashprice or BTC price counts: a day by default. Both move by a few percent a day, and a feed may
    /// publish them once a day; a day-old market price is still nearer the truth than the configured fallback.
    /// </summary>
    public TimeSpan MarketPriceMaxAge { get; init; } = TimeSpan.FromDays(1);

    public TimeSpan MaxAge(Signal signal) => signal switch
    {
        Signal.BatterySocPct => SocMaxAge,
        Signal.EnergyPriceCtKwh or Signal.PvForecastKw => PriceAndForecastMaxAge,
        Signal.HashpriceSatsPerThDay or Signal.BtcPriceEur => MarketPriceMaxAge,
        _ => DefaultMaxAge,
    };

    /// <summary>Whether a reading of <paramref name="signal"/> taken at <paramref name="at"/> still describes <paramref name="now"/>.</summary>
    public bool IsFresh(Signal signal, DateTimeOffset at, DateTimeOffset now) =>
        now - at <= MaxAge(signal) && at - now <= SampleCheck.FutureTolerance;
}
