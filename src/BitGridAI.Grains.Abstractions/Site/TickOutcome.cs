using System.Collections.Immutable;
using BitGridAI.Grains.Abstractions.Messages;

namespace BitGridAI.Grains.Abstractions.Site;

/// <summary>What a tick did: the block it decided (null when the current block was already decided) and the decisions.</summary>
[GenerateSerializer, Immutable, Alias("bitgrid.TickOutcome")]
public sealed record TickOutcome(
    [property: Id(0)] string? DecidedBlockId,
    [property: Id(1)] ImmutableArray<DecisionRecord> Decisions);
