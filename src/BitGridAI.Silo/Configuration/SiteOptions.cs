using BitGridAI.Domain.Economics;
using BitGridAI.Domain.Telemetry;
using BitGridAI.Grains.Abstractions.Site;

namespace BitGridAI.Silo.Configuration;

/// <summary>The site this silo runs. Section <c>Site</c>; its <c>Engine</c> subsection holds rule thresholds by their snake_case keys.</summary>
public sealed class SiteOptions
{
    public const string Section = "Site";

    public string Id { get; set; } = "home";

    /// <summary>FULL, SEMI or MANUAL.</summary>
    public string Autonomy { get; set; } = "FULL";

    /// <summary>surplus or soc_band.</summary>
    public string Strategy { get; set; } = "surplus";

    /// <summary>Seconds a reading counts before it is missing, for signals without their own max age. Default 60, range 1–86400.</summary>
    public int MaxAgeSec { get; set; } = 60;

    /// <summary>Seconds a battery SoC reading counts. Default 120, range 1–86400.</summary>
    public int SocMaxAgeSec { get; set; } = 120;

    /// <summary>
    /// Seconds an energy price or PV forecast counts; it carries into every block while younger. Default 3600
    /// (an hourly tariff counts in all six blocks of its hour), range 1–86400.
    /// </summary>
    public int PriceMaxAgeSec { get; set; } = 3600;

    /// <summary>
    /// Seconds a hashprice or BTC price read over MQTT counts (then the configured one does again). Default 86400 (a
    /// feed that publishes once a day keeps counting), range 1–86400.
    /// </summary>
    public int MarketPriceMaxAgeSec { get; set; } = 86_400;

    /// <summary>What energy and hashrate are worth, for the KPIs (<c>Site:Economics</c>).</summary>
    public EconomicsOptions Economics { get; set; } = new();

    /// <summary>
    /// The house battery's size (<c>Site:Battery</c>), for what-if replays that re-simulate the SoC. Unset: the simulated
    /// site's battery when the simulator runs, else unknown (a what-if keeps the recorded SoC and says so).
    /// </summary>
    public BatteryOptions? Battery { get; set; }

    /// <summary>The max ages above as the domain's freshness rule.</summary>
    public TelemetryFreshness Freshness() => new()
    {
        DefaultMaxAge = TimeSpan.FromSeconds(MaxAgeSec),
        SocMaxAge = TimeSpan.FromSeconds(SocMaxAgeSec),
        PriceAndForecastMaxAge = TimeSpan.FromSeconds(PriceMaxAgeSec),
        MarketPriceMaxAge = TimeSpan.FromSeconds(MarketPriceMaxAgeSec),
    };
}

/// <summary>
/// <c>Site:Economics</c>: the hashprice, the feed-in tariff, the exchange rate between sats and euros (as sats per euro
/// or as a BTC price, one implies the other), the energy-path policy and the heat value. The heat value
/// (<c>HeatValueCtKwh</c>: one number, or 12 for January to December) is read by <see cref="HeatValueSection"/>,
/// because the binder cannot take a key that is a number in one file and a list in another.
/// </summary>
public sealed class EconomicsOptions
{
    /// <summary>Sats one TH/s earns per day. Default 50.</summary>
    public double HashpriceSatsPerThDay { get; set; } = SiteEconomics.Default.HashpriceSatsPerThDay;

    /// <summary>What an exported kWh earns, in ct; negative feed-in tariffs exist. Default 8.</summary>
    public double FeedInCtKwh { get; set; } = SiteEconomics.Default.FeedInCtKwh;

    /// <summary>Sats per euro. Default 1100, or 1e8 / <see cref="BtcPriceEur"/> when only that is set.</summary>
    public double? SatsPerEuro { get; set; }

    /// <summary>Euros per bitcoin. Default 1e8 / <see cref="SatsPerEuro"/> (about 90,909 € at the default 1100).</summary>
    public double? BtcPriceEur { get; set; }

    /// <summary><c>self_consumption_first</c> (default: mine the surplus) or <c>max_value</c> (mine only while mining plus heat is worth at least the export).</summary>
    public string Policy { get; set; } = EnergyPathPolicies.SelfConsumptionFirstName;

    /// <summary>Sats per euro as the KPIs use it: the configured value, else the one the BTC price implies, else 1100.</summary>
    public double EffectiveSatsPerEuro => SatsPerEuro ?? (BtcPriceEur is { } btc ? EnergyPath.SatsPerBtc / btc : SiteEconomics.Default.SatsPerEuro);

    /// <summary>The site's economics with no useful heat (all months 0).</summary>
    public SiteEconomics ToEconomics() => ToEconomics(new double[12]);

    /// <summary>The site's economics with the heat value of each month, January to December (from <see cref="HeatValueSection"/>).</summary>
    /// <param name="heatValueCtKwhByMonth">12 values in ct/kWh.</param>
    public SiteEconomics ToEconomics(IReadOnlyList<double> heatValueCtKwhByMonth) => new(HashpriceSatsPerThDay, FeedInCtKwh, EffectiveSatsPerEuro)
    {
        Policy = EnergyPathPolicies.Parse(Policy),
        BtcPriceEur = BtcPriceEur,
        HeatValueCtKwhByMonth = heatValueCtKwhByMonth,
    };
}

/// <summary><c>Site:Battery</c>: the house battery's usable capacity and power limits.</summary>
public sealed class BatteryOptions
{
    public double CapacityWh { get; set; }
    public double MaxChargeW { get; set; }
    public double MaxDischargeW { get; set; }
    /// <summary>Energy stored per energy taken in, (0–1]. Default 0.95.</summary>
    public double ChargeEfficiency { get; set; } = 0.95;
    /// <summary>The battery management keeps this much charge, in %. Default 0.</summary>
    public double FloorPct { get; set; }

    public SiteBattery ToBattery() => new(CapacityWh, MaxChargeW, MaxDischargeW, ChargeEfficiency, FloorPct);
}
