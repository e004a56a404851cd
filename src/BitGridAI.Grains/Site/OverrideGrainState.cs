using BitGridAI.Grains.Abstractions.Site;

namespace BitGridAI.Grains.Site;

[GenerateSerializer, Alias("bitgrid.state.Override")]
internal sealed class OverrideGrainState
{
    [Id(0)] public ActiveOverride? Active { get; set; }
    [Id(1)] public List<OverrideAuditEntry> Audit { get; set; } = [];
    /// <summary>Overrides for one miner each, by miner id; a miner's own override comes before the site-wide one.</summary>
    [Id(2)] public Dictionary<string, ActiveOverride> PerMiner { get; set; } = [];
}
