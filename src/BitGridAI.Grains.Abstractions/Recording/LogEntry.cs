namespace BitGridAI.Grains.Abstractions.Recording;

/// <summary>
/// One record to append to a site's event log: its <see cref="LogKinds">kind</see>, site time, JSON body, and a
/// key under which the log holds it only once (a decision published again after a crash), or null.
/// </summary>
[GenerateSerializer, Immutable, Alias("bitgrid.LogEntry")]
public sealed record LogEntry(
    [property: Id(0)] string Kind,
    [property: Id(1)] string SiteId,
    [property: Id(2)] DateTimeOffset At,
    [property: Id(3)] string? DedupKey,
    [property: Id(4)] string Body);
