namespace BitGridAI.Grains.Abstractions.Site;

/// <summary>The override in force: its action, until when, and who set it.</summary>
[GenerateSerializer, Immutable, Alias("bitgrid.ActiveOverride")]
public sealed record ActiveOverride(
    [property: Id(0)] string Action,
    [property: Id(1)] DateTimeOffset ExpiresAt,
    [property: Id(2)] string RequestedBy)
{
    /// <summary>The one miner it is for, or null for every miner of the site.</summary>
    [Id(3)] public string? MinerId { get; init; }

    /// <summary>Why the person set it, as they wrote it, or null.</summary>
    [Id(4)] public string? Reason { get; init; }
}
