namespace BitGridAI.Explain.Rephrasing;

/// <summary>
/// The seam between the rephraser's rules (time limit, verifier, fallback) and the language model that
/// produces text, so those rules can be tested without a model and the GenAI code stays small.
/// </summary>
internal interface ITextGenerator : IDisposable
{
    /// <summary>
    /// Writes at most <paramref name="maxNewTokens"/> tokens that restate <paramref name="text"/> as
    /// <paramref name="instruction"/> asks. Checks <paramref name="cancel"/> before every token and throws
    /// <see cref="OperationCanceledException"/> once it is set.
    /// </summary>
    GeneratedText Generate(string instruction, string text, int maxNewTokens, CancellationToken cancel);
}

/// <summary>The model's output; <paramref name="ReachedTokenLimit"/> means it stopped mid-answer, not at its end token.</summary>
internal sealed record GeneratedText(string Text, bool ReachedTokenLimit);
