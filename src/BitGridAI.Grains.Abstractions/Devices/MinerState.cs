namespace BitGridAI.Grains.Abstractions.Devices;

/// <summary>A miner's commanded and reported state.</summary>
[GenerateSerializer, Immutable, Alias("bitgrid.MinerState")]
public sealed record MinerState(
    [property: Id(0)] string MinerId,
    [property: Id(1)] string? CommandedAction,
    [property: Id(2)] string? CommandedMode,
    [property: Id(3)] string? LastCommandId,
    [property: Id(4)] string? LastDecisionCode,
    [property: Id(5)] DateTimeOffset? LastCommandAt,
    [property: Id(6)] long CommandsSent);
