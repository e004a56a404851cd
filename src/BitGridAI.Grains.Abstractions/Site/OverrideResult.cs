namespace BitGridAI.Grains.Abstractions.Site;

/// <summary>The answer to an override request: accepted, or the reason it was refused.</summary>
[GenerateSerializer, Immutable, Alias("bitgrid.OverrideResult")]
public sealed record OverrideResult(
    [property: Id(0)] bool Accepted,
    [property: Id(1)] string? Error,
    [property: Id(2)] ActiveOverride? Active);
