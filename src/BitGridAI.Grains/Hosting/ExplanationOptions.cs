namespace BitGridAI.Grains.Hosting;

/// <summary>
/// <c>Explain</c>: the language (en, de) and persona (energy, heat, tech) the site's explanations and the silo's
/// decision lines are written in, and how many recent decisions the explanation grain keeps.
/// </summary>
public sealed class ExplanationOptions
{
    public const string Section = "Explain";

    public string Language { get; set; } = "en";

    public string Persona { get; set; } = "energy";

    /// <summary>Recent decisions kept per site for <c>bitgrid explain</c> while the silo runs (older ones come from the event log). Default 1000.</summary>
    public int Kept { get; set; } = 1000;
}
