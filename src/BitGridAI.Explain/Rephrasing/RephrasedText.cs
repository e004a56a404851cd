namespace BitGridAI.Explain.Rephrasing;

/// <summary>
/// What the rephraser hands back: the text to show, whether it came from the model, and, when it did not,
/// why (for the log). Named apart from its namespace so callers need no alias.
/// </summary>
public sealed record RephrasedText(string Text, bool FromModel, string? FallbackReason)
{
    internal static RephrasedText Model(string text) => new(text, true, null);

    internal static RephrasedText Template(string template, string reason) => new(template, false, reason);
}

/// <summary>The reasons a template is shown instead of the model's text; stable strings so logs can be grouped.</summary>
public static class FallbackReasons
{
    public const string TimeLimit = "time limit";
    public const string TokenLimit = "token limit";
    public const string EmptyOutput = "empty output";
    public const string FailedVerifier = "failed verifier";
    public const string Busy = "busy";
    public const string Disposed = "disposed";

    /// <summary>The model's own failure; the message follows so the log says what went wrong.</summary>
    public const string ModelError = "model error";
}
