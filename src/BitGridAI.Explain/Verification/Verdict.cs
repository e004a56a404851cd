namespace BitGridAI.Explain.Verification;

/// <summary>Whether a text may be shown; <see cref="Problem"/> names the first thing wrong with it.</summary>
public sealed record Verdict(bool Passed, string? Problem)
{
    public static Verdict Pass { get; } = new(true, null);

    public static Verdict Fail(string problem) => new(false, problem);
}
