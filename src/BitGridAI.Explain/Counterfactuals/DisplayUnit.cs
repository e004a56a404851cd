namespace BitGridAI.Explain.Counterfactuals;

/// <summary>
/// How a person reads one input: its unit, the step it is shown in (a counterfactual's value lies on this grid),
/// how far a search looks where the plausible range has no end, and the size from which a change counts as
/// "relative" (so that a change from 0 W is not infinitely large).
/// </summary>
/// <param name="Symbol">The unit as written after a number.</param>
/// <param name="StepsPerUnit">
/// 1 / display step. Grid values are computed as <c>k / StepsPerUnit</c>, never <c>k * 0.1</c>: the division gives the
/// double a person expects (25.0, not 25.000000000000004).
/// </param>
/// <param name="Window">How far from the current value (or from 0 for a missing one) a search goes when the range is unbounded.</param>
/// <param name="Scale">Changes are ranked by |To − From| / max(|From|, Scale).</param>
public sealed record DisplayUnit(string Symbol, int StepsPerUnit, double Window, double Scale)
{
    public static DisplayUnit Watt { get; } = new("W", 1, 100_000, 1000);
    public static DisplayUnit Kilowatt { get; } = new("kW", 10, 100, 1);
    public static DisplayUnit Percent { get; } = new("%", 10, 100, 10);
    public static DisplayUnit Celsius { get; } = new("°C", 10, 200, 10);
    public static DisplayUnit Seconds { get; } = new("s", 1, 3600, 10);
    public static DisplayUnit Minutes { get; } = new("min", 1, 10_000, 10);
    public static DisplayUnit CentPerKwh { get; } = new("ct/kWh", 10, 200, 10);
    public static DisplayUnit Blocks { get; } = new("blocks", 1, 1000, 1);
    public static DisplayUnit Cent { get; } = new("ct", 10, 100_000, 10);
    public static DisplayUnit Sats { get; } = new("sats", 1, 100_000_000, 100);
    public static DisplayUnit SatsPerThDay { get; } = new("sats/TH/day", 1, 1000, 10);
    public static DisplayUnit Euro { get; } = new("€", 1, 1_000_000, 1000);

    /// <summary>One display step in the unit (0.1 kW, 1 W, 0.1 %, 0.1 °C, 0.1 ct, 1 s, 1 min, 1 block).</summary>
    public double Step => 1.0 / StepsPerUnit;

    /// <summary>
    /// The unit of a signal (RULES.md §1) or config key (§3), read from the name's suffix: both lists name their
    /// unit last, so a new key with a known suffix needs no entry here, and one with an unknown suffix fails loudly.
    /// </summary>
    public static DisplayUnit For(string name) => name switch
    {
        _ when name.EndsWith("_kw", StringComparison.Ordinal) => Kilowatt,
        _ when name.EndsWith("_w", StringComparison.Ordinal) => Watt,
        _ when name.EndsWith("_pct", StringComparison.Ordinal) => Percent,
        _ when name.EndsWith("_c", StringComparison.Ordinal) => Celsius,
        _ when name.EndsWith("_sec", StringComparison.Ordinal) => Seconds,
        _ when name.EndsWith("_min", StringComparison.Ordinal) => Minutes,
        // An energy-path value is money for a block's energy, not a price per kWh.
        _ when name.EndsWith("_value_ct", StringComparison.Ordinal) => Cent,
        _ when name.EndsWith("_sats", StringComparison.Ordinal) => Sats,
        _ when name.EndsWith("_ct_kwh", StringComparison.Ordinal) || name.EndsWith("_ct", StringComparison.Ordinal) => CentPerKwh,
        _ when name.EndsWith("_blocks", StringComparison.Ordinal) => Blocks,
        _ when name.EndsWith("_sats_th_day", StringComparison.Ordinal) => SatsPerThDay,
        _ when name.EndsWith("_eur", StringComparison.Ordinal) => Euro,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "no display unit for this name"),
    };

    /// <summary>The grid value k / <see cref="StepsPerUnit"/>.</summary>
    internal double At(long k) => (double)k / StepsPerUnit;

    /// <summary>The index of the first grid value at or beyond <paramref name="value"/> in <paramref name="direction"/> (+1 up, −1 down).</summary>
    internal long IndexBeyond(double value, int direction) =>
        (long)(direction > 0 ? Math.Ceiling(value * StepsPerUnit) : Math.Floor(value * StepsPerUnit));
}
