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
}
