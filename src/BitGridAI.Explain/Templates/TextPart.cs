namespace BitGridAI.Explain.Templates;

/// <summary>The code-specific parts of an explanation; the rest (effect, options, connectors) is shared per language.</summary>
public enum TextPart
{
    /// <summary>Why, in a few words, after the rule's name: "the chips are too hot (91 °C, limit 85 °C)".</summary>
    Reason = 0,
    /// <summary>The comparison that decided, in a full sentence.</summary>
    Trigger = 1,
}

/// <summary>A template's key: code and part, and the persona when that persona has its own wording (null: every persona).</summary>
public readonly record struct TemplateKey(Domain.Decisions.DecisionCode Code, TextPart Part, Persona? Persona = null);
