using System.Collections.Immutable;

namespace BitGridAI.Grains.Abstractions.Site;

/// <summary>The policy grain's state as a person inspects it.</summary>
[GenerateSerializer, Immutable, Alias("bitgrid.SiteStatus")]
public sealed record SiteStatus(
    [property: Id(0)] string SiteId,
    [property: Id(1)] string Autonomy,
    [property: Id(2)] string? LastDecidedBlockId,
    [property: Id(3)] long LastSequence,
    [property: Id(4)] long AcknowledgedSequence,
    [property: Id(5)] ImmutableArray<MinerTrackStatus> Miners)
{
    /// <summary>Whether the event log is being written; a log that cannot be written never stops control.</summary>
    [Id(6)] public RecorderHealth? Recorder { get; init; }
}
