namespace BitGridAI.Grains.Abstractions.Devices;

/// <summary>A miner's commanded, confirmed and safety state.</summary>
[GenerateSerializer, Immutable, Alias("bitgrid.MinerState")]
public sealed record MinerState(
    [property: Id(0)] string MinerId,
    [property: Id(1)] string? CommandedAction,
    [property: Id(2)] string? CommandedMode,
    [property: Id(3)] string? LastCommandId,
    [property: Id(4)] string? LastDecisionCode,
    [property: Id(5)] DateTimeOffset? LastCommandAt,
    [property: Id(6)] long CommandsSent)
{
    /// <summary>What the miner itself last reported doing (START, THROTTLE, STOP), or null before any readback.</summary>
    [Id(7)] public string? ConfirmedAction { get; init; }

    /// <summary>Why commands are not taking effect (no readback after every retry), or null.</summary>
    [Id(8)] public string? Fault { get; init; }

    [Id(9)] public bool EmergencyStop { get; init; }

    [Id(10)] public bool LockoutActive { get; init; }

    [Id(11)] public long SafetyStops { get; init; }

    [Id(12)] public string? LastSafetyCode { get; init; }

    /// <summary>The relay in the miner's power line was opened by a safety stop the miner did not answer.</summary>
    [Id(13)] public bool RelayOpen { get; init; }

    /// <summary>Why the last START/THROTTLE was not carried out (readiness gate, safety), or null.</summary>
    [Id(14)] public string? RefusedStart { get; init; }

    /// <summary>True while the last command waits for the miner's readback to confirm it.</summary>
    [Id(15)] public bool AwaitingConfirmation { get; init; }

    /// <summary>When the running safety lockout's timer last (re)started, or null without a lockout.</summary>
    [Id(16)] public DateTimeOffset? LockoutStartedAt { get; init; }
}
