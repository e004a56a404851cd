namespace BitGridAI.Grains.Devices;

/// <summary>What a miner grain persists: commands, what the miner confirmed, and its safety state (the lockout survives restarts).</summary>
[GenerateSerializer, Alias("bitgrid.state.Miner")]
internal sealed class MinerGrainState
{
    [Id(0)] public string? CommandedAction { get; set; }
    [Id(1)] public string? CommandedMode { get; set; }
    [Id(2)] public string? LastCommandId { get; set; }
    [Id(3)] public string? LastDecisionCode { get; set; }
    [Id(4)] public DateTimeOffset? LastCommandAt { get; set; }
    [Id(5)] public long CommandsSent { get; set; }
    [Id(6)] public string? ConfirmedAction { get; set; }
    [Id(7)] public DateTimeOffset? LockoutStartedAt { get; set; }
    [Id(8)] public bool LastTelemetryFresh { get; set; }
    [Id(9)] public bool EmergencyStop { get; set; }
    [Id(10)] public DateTimeOffset? DecisionValidUntil { get; set; }
    [Id(11)] public string? Fault { get; set; }
    [Id(12)] public long SafetyStops { get; set; }
    [Id(13)] public string? LastSafetyCode { get; set; }
    [Id(14)] public DateTimeOffset? LastSafetyAt { get; set; }
    [Id(15)] public int Attempt { get; set; }
    [Id(16)] public DateTimeOffset? AwaitingConfirmationSince { get; set; }
    [Id(17)] public bool RelayOpen { get; set; }
    [Id(18)] public string? RefusedStart { get; set; }
    /// <summary>A relay that must open but has not confirmed it yet: retried by the watchdog, also after a restart.</summary>
    [Id(19)] public bool RelayOpenPending { get; set; }
}
