using System.Collections.Immutable;

namespace BitGridAI.Grains.Abstractions.Messages;

/// <summary>
/// A decision as it travels on the decision stream and is stored: text forms of the engine's values
/// (decision codes are stable strings), so stored records never depend on enum numbering.
/// </summary>
[GenerateSerializer, Immutable, Alias("bitgrid.DecisionRecord")]
public sealed record DecisionRecord(
    [property: Id(0)] string SiteId,
    [property: Id(1)] string MinerId,
    [property: Id(2)] long Sequence,
    [property: Id(3)] string BlockId,
    [property: Id(4)] string DecisionCode,
    [property: Id(5)] string Action,
    [property: Id(6)] string? Mode,
    [property: Id(7)] string Trigger,
    [property: Id(8)] string Summary,
    [property: Id(9)] ImmutableDictionary<string, double?> Params,
    [property: Id(10)] ImmutableArray<string> Rejected,
    [property: Id(11)] ImmutableArray<string> Missing,
    [property: Id(12)] string? OverruledOverride,
    [property: Id(13)] string? HeldBackProposal,
    [property: Id(14)] DateTimeOffset DecidedAt,
    [property: Id(15)] DateTimeOffset ValidUntil)
{
    /// <summary>Why the miner is not doing what it was told (commands unconfirmed after every retry), or null.</summary>
    [Id(16)] public string? ActuatorFault { get; init; }

    /// <summary>Why the miner grain refused the last start (readiness gate, safety), or null.</summary>
    [Id(17)] public string? StartRefused { get; init; }

    /// <summary>The readings and context the engine decided on (block decisions), for history replay; null for safety stops.</summary>
    [Id(18)] public DecisionInputs? Inputs { get; init; }

    /// <summary>SHA-256 of the site configuration that produced the decision (see <c>SiteConfigDocument</c>).</summary>
    [Id(19)] public string? ConfigHash { get; init; }

    /// <summary>What the miner draws after a fleet decision, W (its share, or what it keeps); null on a site without fleet allocation.</summary>
    [Id(20)] public double? TargetW { get; init; }
}
