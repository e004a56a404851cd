namespace BitGridAI.Explain;

/// <summary>
/// Everything a person is told about one decision, in one language for one persona: a short and a long text, what
/// triggered it, the data it rested on, its effect, the person's options, and what would change it.
/// <see cref="Notes"/> says what was assumed (an unknown language or persona fell back to English/energy).
/// </summary>
public sealed record Explanation(
    string DecisionCode,
    Language Language,
    Persona Persona,
    Mood Mood,
    string ShortText,
    string LongText,
    string Trigger,
    string DataBasis,
    string Effect,
    IReadOnlyList<string> Options,
    IReadOnlyList<Counterfactual> Counterfactuals,
    string CounterfactualText,
    IReadOnlyList<string> Notes);
