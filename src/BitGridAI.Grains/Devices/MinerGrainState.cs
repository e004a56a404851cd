namespace BitGridAI.Grains.Devices;

/// <summary>What a miner grain persists about commanding its miner.</summary>
[GenerateSerializer, Alias("bitgrid.state.Miner")]
internal sealed class MinerGrainState
{
    [Id(0)] public string? CommandedAction { get; set; }
    [Id(1)] public string? CommandedMode { get; set; }
    [Id(2)] public string? LastCommandId { get; set; }
    [Id(3)] public string? LastDecisionCode { get; set; }
    [Id(4)] public DateTimeOffset? LastCommandAt { get; set; }
    [Id(5)] public long CommandsSent { get; set; }
}
