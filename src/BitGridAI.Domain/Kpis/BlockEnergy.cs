namespace BitGridAI.Domain.Kpis;

/// <summary>Turns a block window's mean power into energy, and power into estimated sats (docs/kpis.md).</summary>
public static class BlockEnergy
{
    /// <summary>A block lasts 10 minutes: every window counts as that long, whatever its measured length.</summary>
    public const double Hours = 10.0 / 60.0;

    public static double Wh(double meanW) => meanW * Hours;

    /// <summary>Sats a miner earns in one block drawing <paramref name="meanW"/> (TH/s estimated from the draw).</summary>
    public static double Sats(double meanW, double thsPerW, double hashpriceSatsPerThDay) => meanW * thsPerW * hashpriceSatsPerThDay * Hours / 24;

    /// <summary>
    /// The house's own load (RULES.md §1): measured, or PV + import + battery (discharging positive) − export − miners;
    /// NaN when neither is possible. Never below 0.
    /// </summary>
    public static double HouseLoadW(double measuredW, double pvW, double importW, double batteryW, double exportW, double minersW)
    {
        if (!double.IsNaN(measuredW))
        {
            return measuredW;
        }
        var balance = pvW + importW + batteryW - exportW - minersW;
        // Math.Max(0, NaN) is NaN, so a missing term keeps the load missing.
        return Math.Max(0, balance);
    }
}
