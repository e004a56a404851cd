namespace BitGridAI.Grains.Abstractions.Site;

/// <summary>One audited override request, accepted or refused.</summary>
[GenerateSerializer, Immutable, Alias("bitgrid.OverrideAuditEntry")]
public sealed record OverrideAuditEntry(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] string Request,
    [property: Id(2)] string RequestedBy,
    [property: Id(3)] bool Accepted,
    [property: Id(4)] string? Error);
