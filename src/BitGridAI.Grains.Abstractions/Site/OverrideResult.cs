namespace BitGridAI.Grains.Abstractions.Site;

/// <summary>The answer to an override request: accepted, or the reason it was refused.</summary>
[GenerateSerializer, Immutable, Alias("bitgrid.OverrideResult")]
public sealed record OverrideResult(
    [property: Id(0)] bool Accepted,
    [property: Id(1)] string? Error,
    [property: Id(2)] ActiveOverride? Active)
{
    /// <summary>Why it was refused: <see cref="Invalid"/> (the request itself is wrong) or <see cref="Lockout"/> (a safety lockout holds).</summary>
    [Id(3)] public string? Refusal { get; init; }

    public const string Invalid = "invalid";

    public const string Lockout = "lockout";
}
