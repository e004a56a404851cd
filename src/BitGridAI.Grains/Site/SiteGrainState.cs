using BitGridAI.Grains.Abstractions.Messages;

namespace BitGridAI.Grains.Site;

/// <summary>What the policy grain persists: enough to resume exactly where it stopped.</summary>
[GenerateSerializer, Alias("bitgrid.state.Site")]
internal sealed class SiteGrainState
{
    /// <summary>FULL, SEMI or MANUAL as set by a person; null means the configured default.</summary>
    [Id(0)] public string? Autonomy { get; set; }
    [Id(1)] public long? LastDecidedBlock { get; set; }
    [Id(2)] public DateTimeOffset? WindowStart { get; set; }
    [Id(3)] public long Sequence { get; set; }
    [Id(4)] public long Acknowledged { get; set; }
    [Id(5)] public Dictionary<string, MinerTrackState> Miners { get; set; } = [];
    /// <summary>Decisions published but not yet acknowledged by the recorder: published again after a crash.</summary>
    [Id(6)] public List<DecisionRecord> Pending { get; set; } = [];
}

/// <summary>One miner's <see cref="Domain.Engine.ActuatorTrack"/> in a storable form.</summary>
[GenerateSerializer, Alias("bitgrid.state.MinerTrack")]
internal sealed class MinerTrackState
{
    [Id(0)] public string? Actuator { get; set; }
    [Id(1)] public long? LastChangeBlock { get; set; }
    [Id(2)] public DateTimeOffset? LockoutStartedAt { get; set; }
    [Id(3)] public bool LastTelemetryFresh { get; set; }
    [Id(4)] public string? LastDecisionCode { get; set; }
}
