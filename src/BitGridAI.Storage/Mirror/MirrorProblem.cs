namespace BitGridAI.Storage.Mirror;

/// <summary>The first mirrored file that failed verification (its name relative to the target) and why.</summary>
public sealed record MirrorProblem(string File, string Reason);
