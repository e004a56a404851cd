using System.Collections.Immutable;

namespace BitGridAI.Grains.Abstractions.Messages;

/// <summary>
/// The audit record of one block of a site: the decisions for the block and the telemetry window they
/// rested on (the 10 minutes before the block began; at start-up, the samples since the silo started).
/// Finalized once, then immutable.
/// </summary>
[GenerateSerializer, Immutable, Alias("bitgrid.BlockRecord")]
public sealed record BlockRecord(
    [property: Id(0)] string SiteId,
    [property: Id(1)] string BlockId,
    [property: Id(2)] DateTimeOffset WindowStart,
    [property: Id(3)] DateTimeOffset WindowEnd,
    [property: Id(4)] ImmutableArray<DeviceWindow> Telemetry,
    [property: Id(5)] ImmutableArray<DecisionRecord> Decisions,
    [property: Id(6)] DateTimeOffset FinalizedAt)
{
    /// <summary>The block's energy path on a site with several miners (docs/energy-path.md); null otherwise.</summary>
    [Id(7)] public EnergyPathRecord? EnergyPath { get; init; }
}
