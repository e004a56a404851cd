namespace BitGridAI.Explain.Text;

/// <summary>The unit a value is shown in; every param, signal and config key has one, read from its name's suffix.</summary>
public enum Unit
{
    None = 0,
    Watt = 1,
    Kilowatt = 2,
    Percent = 3,
    Celsius = 4,
    Seconds = 5,
    CentPerKwh = 6,
    Minutes = 7,
    Blocks = 8,
    SatsPerThDay = 9,
    Euro = 10,
    /// <summary>Money for a block's energy (an energy-path value), not a price per kWh.</summary>
    Cent = 11,
    Sats = 12,
}

/// <summary>Units by name and the rounding they are shown with (the verifier compares after the same rounding).</summary>
public static class Units
{
    /// <summary>The unit of a param, signal or config key (RULES.md names end in their unit).</summary>
    public static Unit Of(string name) => name switch
    {
        _ when name.EndsWith("_kw", StringComparison.Ordinal) => Unit.Kilowatt,
        _ when name.EndsWith("_w", StringComparison.Ordinal) => Unit.Watt,
        _ when name.EndsWith("_pct", StringComparison.Ordinal) => Unit.Percent,
        _ when name.EndsWith("_c", StringComparison.Ordinal) => Unit.Celsius,
        _ when name.EndsWith("_sec", StringComparison.Ordinal) => Unit.Seconds,
        _ when name.EndsWith("_value_ct", StringComparison.Ordinal) => Unit.Cent,
        _ when name.EndsWith("_sats", StringComparison.Ordinal) => Unit.Sats,
        _ when name.EndsWith("_ct_kwh", StringComparison.Ordinal) || name.EndsWith("_ct", StringComparison.Ordinal) => Unit.CentPerKwh,
        _ when name.EndsWith("_min", StringComparison.Ordinal) => Unit.Minutes,
        _ when name.Contains("blocks", StringComparison.Ordinal) => Unit.Blocks,
        _ when name.EndsWith("_sats_th_day", StringComparison.Ordinal) => Unit.SatsPerThDay,
        _ when name.EndsWith("_eur", StringComparison.Ordinal) => Unit.Euro,
        _ => Unit.None,
    };

    /// <summary>
    /// Decimals shown. kW keeps three so a surplus 1 W under its threshold never reads as equal to it; W, %, °C and
    /// s keep one for the same reason at their strict comparisons (500.5 W &gt; 500 W).
    /// </summary>
    public static int Decimals(Unit unit) => unit switch
    {
        Unit.Kilowatt => 3,
        Unit.CentPerKwh or Unit.Cent => 2,
        Unit.Blocks => 0,
        // A BTC price in whole euros: cents on a five- or six-digit price are noise.
        Unit.Euro => 0,
        _ => 1,
    };

    /// <summary>The value as shown: rounded half away from zero, and never a negative zero.</summary>
    public static double Displayed(double value, Unit unit)
    {
        var rounded = Math.Round(value, Decimals(unit), MidpointRounding.AwayFromZero);
        return rounded == 0 ? 0 : rounded;
    }
}
