using BitGridAI.Domain.Decisions;

namespace BitGridAI.Explain.Templates;

/// <summary>
/// Every text of one language, as data: the code templates (keyed by code, part and, where it differs, persona) and
/// the shared tables. Dictionaries, so a test can walk the registry and find any text that is missing.
/// </summary>
public sealed class LanguageTexts
{
    public required Language Language { get; init; }

    /// <summary>Code templates; "{param_name}" is filled with that param's value and unit, "{missing}" with the missing inputs.</summary>
    public required IReadOnlyDictionary<TemplateKey, string> Codes { get; init; }

    public required IReadOnlyDictionary<RuleId, string> RuleNames { get; init; }

    /// <summary>Names of params, signals and config keys with their article ("the PV surplus", "der PV-Überschuss").</summary>
    public required IReadOnlyDictionary<string, string> Labels { get; init; }

    /// <summary>What the decision means for the miner, as the end of the short text.</summary>
    public required IReadOnlyDictionary<Outcome, string> Outcomes { get; init; }

    /// <summary>The effect for the energy and heat personas (tech gets the actuator transition).</summary>
    public required IReadOnlyDictionary<(EffectiveState State, Persona Persona), string> Effects { get; init; }

    public required IReadOnlyDictionary<OptionKind, string> Options { get; init; }

    public required Phrases Phrases { get; init; }

    /// <summary>The code's text for a persona: its own wording when it has one, else the shared one; null when missing.</summary>
    public string? Template(DecisionCode code, TextPart part, Persona persona) =>
        Codes.GetValueOrDefault(new TemplateKey(code, part, persona)) ?? Codes.GetValueOrDefault(new TemplateKey(code, part));

    /// <summary>A label without its article, for lists: "PV surplus", "PV-Überschuss".</summary>
    public string BareLabel(string name)
    {
        var label = Labels.GetValueOrDefault(name) ?? name;
        var space = label.IndexOf(' ', StringComparison.Ordinal);
        var first = space < 0 ? "" : label[..space];
        var bare = first is "the" or "der" or "die" or "das" ? label[(space + 1)..] : label;
        // German: without its article an adjective takes the strong ending ("das harte Minimum" → "hartes Minimum",
        // "der vorhergesagte Überschuss" → "vorhergesagter Überschuss"); feminine and plural keep theirs.
        var word = bare.IndexOf(' ', StringComparison.Ordinal);
        if (word > 0 && char.IsLower(bare[0]) && bare[word - 1] == 'e' && first is "das" or "der")
        {
            bare = bare[..word] + (first == "das" ? "s" : "r") + bare[word..];
        }
        return char.ToUpperInvariant(bare[0]) + bare[1..];
    }
}

/// <summary>
/// The connecting sentences of one language. A record with every member required, so a language that lacks one does
/// not compile. "{0}", "{1}" … are filled in order (string.Format).
/// </summary>
public sealed record Phrases
{
    public required string Missing { get; init; }
    public required string DataHeader { get; init; }
    public required string NoData { get; init; }
    public required string RejectedHeader { get; init; }
    public required string HeatDraw { get; init; }
    public required string TechEffectChange { get; init; }
    public required string TechEffectKept { get; init; }
    public required string TechMode { get; init; }
    public required string OverruledOverride { get; init; }
    public required string WantsFull { get; init; }
    public required string WantsThrottled { get; init; }
    public required string WantsStop { get; init; }
    public required string HeldBack { get; init; }
    public required string SemiSuggestion { get; init; }
    public required string Lockout { get; init; }
    public required string CounterfactualSignal { get; init; }
    public required string CounterfactualThreshold { get; init; }
    public required string CounterfactualWasMissing { get; init; }
    /// <summary>Said when the search found no single change that would change what the miner does.</summary>
    public required string NothingShortOf { get; init; }
    public required string WouldRunFull { get; init; }
    public required string WouldRunThrottled { get; init; }
    public required string WouldStop { get; init; }
    public required string WouldWait { get; init; }
    public required string ChangeThreshold { get; init; }
    public required string ThresholdNow { get; init; }
    public required string ListSeparator { get; init; }
}
