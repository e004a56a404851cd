using BitGridAI.Explain;
using BitGridAI.Grains.Abstractions.Messages;

namespace BitGridAI.Grains.Abstractions.Site;

/// <summary>Turns an <see cref="Explanation"/> of a recorded decision into its serializable view.</summary>
public static class ExplanationViews
{
    public static ExplanationView Of(DecisionRecord record, Explanation e, IReadOnlyList<string> notes) => new(
        record.BlockId,
        record.MinerId,
        record.DecisionCode,
        record.Trigger,
        e.Language == Language.German ? "de" : "en",
        e.Persona.ToString().ToLowerInvariant(),
        e.Mood.ToString().ToLowerInvariant(),
        e.ShortText,
        e.LongText,
        e.Trigger,
        e.DataBasis,
        e.Effect,
        [.. e.Options],
        e.CounterfactualText,
        [.. notes, .. e.Notes],
        record.DecidedAt);
}
