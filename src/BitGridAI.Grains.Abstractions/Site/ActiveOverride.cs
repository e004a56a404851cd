namespace BitGridAI.Grains.Abstractions.Site;

/// <summary>The override in force: its action, until when, and who set it.</summary>
[GenerateSerializer, Immutable, Alias("bitgrid.ActiveOverride")]
public sealed record ActiveOverride(
    [property: Id(0)] string Action,
    [property: Id(1)] DateTimeOffset ExpiresAt,
    [property: Id(2)] string RequestedBy);
