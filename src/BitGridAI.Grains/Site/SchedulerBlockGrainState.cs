using BitGridAI.Grains.Abstractions.Messages;

namespace BitGridAI.Grains.Site;

[GenerateSerializer, Alias("bitgrid.state.Block")]
internal sealed class SchedulerBlockGrainState
{
    [Id(0)] public BlockRecord? Record { get; set; }
}
