namespace BitGridAI.Domain.Kpis;

/// <summary>
/// The KPIs of one block (docs/kpis.md). Energies in Wh from the window's mean power × 10 minutes; values in euro;
/// NaN = missing (a signal the window did not see), never 0. Counts are whole events in the block.
/// </summary>
public record struct BlockKpis
{
    public static BlockKpis Missing => new()
    {
        PvWh = double.NaN,
        HouseWh = double.NaN,
        ImportWh = double.NaN,
        ExportWh = double.NaN,
        MinerWh = double.NaN,
        Sats = double.NaN,
        FeedInCtKwh = double.NaN,
        SatsPerEuro = double.NaN,
        LatencySec = double.NaN,
    };

    public double PvWh { get; set; }

    /// <summary>The house's own load, without miners and battery.</summary>
    public double HouseWh { get; set; }

    public double ImportWh { get; set; }

    public double ExportWh { get; set; }

    public double MinerWh { get; set; }

    /// <summary>Estimated sats mined: measured draw × rated TH/s per W × hashprice.</summary>
    public double Sats { get; set; }

    /// <summary>The prices of the block's configuration, for the euro values.</summary>
    public double FeedInCtKwh { get; set; }

    public double SatsPerEuro { get; set; }

    /// <summary>Changes of a miner's commanded state among START, THROTTLE and STOP (flapping).</summary>
    public int ActuatorChanges { get; set; }

    /// <summary>R3 over-temperature stops, at block ticks and between them.</summary>
    public int ThermalStops { get; set; }

    public int OverridesAccepted { get; set; }

    public int OverridesRefused { get; set; }

    /// <summary>The slowest block tick decision: decided_at − block start, in s.</summary>
    public double LatencySec { get; set; }

    /// <summary>Everything behind the meter except the battery: house plus miners.</summary>
    public readonly double ConsumptionWh => HouseWh + MinerWh;

    public readonly double ExportValueEur => ExportWh / 1000 * FeedInCtKwh / 100;

    public readonly double MiningValueEur => Sats / SatsPerEuro;

    /// <summary>The feed-in tariff in sats per kWh (ct/kWh / 100 × sats per €): what a kWh exported instead of mined would have earned, in the unit mining earns.</summary>
    public readonly double FeedInSatsPerKwh => FeedInCtKwh / 100 * SatsPerEuro;
}
