namespace BitGridAI.Explain;

/// <summary>
/// Language and persona as a person typed them. Anything unknown falls back to English / energy with a note saying
/// so: a typo in a display preference is never a reason to withhold an explanation.
/// </summary>
public sealed record ExplainOptions(Language Language, Persona Persona, IReadOnlyList<string> Notes)
{
    public static ExplainOptions Default { get; } = new(Language.English, Persona.Energy, []);

    /// <summary>en/english, de/german/deutsch; energy, heat, tech (any case). Null or empty means the default, without a note.</summary>
    public static ExplainOptions Parse(string? language, string? persona)
    {
        var notes = new List<string>();
        var parsedLanguage = language?.Trim().ToLowerInvariant() switch
        {
            null or "" or "en" or "english" => Language.English,
            "de" or "german" or "deutsch" => Language.German,
            _ => Fallback(notes, $"unknown language '{language}': English is used (known: en, de)", Language.English),
        };
        var parsedPersona = persona?.Trim().ToLowerInvariant() switch
        {
            null or "" or "energy" => Persona.Energy,
            "heat" => Persona.Heat,
            "tech" => Persona.Tech,
            _ => Fallback(notes, $"unknown persona '{persona}': energy is used (known: energy, heat, tech)", Persona.Energy),
        };
        return new ExplainOptions(parsedLanguage, parsedPersona, notes);
    }

    private static T Fallback<T>(List<string> notes, string note, T value)
    {
        notes.Add(note);
        return value;
    }
}
