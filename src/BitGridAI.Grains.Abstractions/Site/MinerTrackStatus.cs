namespace BitGridAI.Grains.Abstractions.Site;

/// <summary>One miner as its site carries it between blocks.</summary>
[GenerateSerializer, Immutable, Alias("bitgrid.MinerTrackStatus")]
public sealed record MinerTrackStatus(
    [property: Id(0)] string MinerId,
    [property: Id(1)] string? Actuator,
    [property: Id(2)] long BlocksSinceChange,
    [property: Id(3)] bool LockoutActive,
    [property: Id(4)] string? LastDecisionCode);
