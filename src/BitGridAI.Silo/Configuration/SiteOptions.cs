using BitGridAI.Domain.Telemetry;

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

    /// <summary>The max ages above as the domain's freshness rule.</summary>
    public TelemetryFreshness Freshness() => new()
    {
        DefaultMaxAge = TimeSpan.FromSeconds(MaxAgeSec),
        SocMaxAge = TimeSpan.FromSeconds(SocMaxAgeSec),
        PriceAndForecastMaxAge = TimeSpan.FromSeconds(PriceMaxAgeSec),
    };
}
