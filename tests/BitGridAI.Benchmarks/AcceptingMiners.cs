using BitGridAI.Domain.Decisions;
using BitGridAI.Grains.Abstractions.Ports;

namespace BitGridAI.Benchmarks;

/// <summary>A miner port that takes every command at once and reports no mode: benchmarks measure the grains, not a miner.</summary>
internal sealed class AcceptingMiners : IMinerPort
{
    public ValueTask SendAsync(string minerId, MinerCommand command, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public ValueTask<MinerMode> ReadModeAsync(string minerId, CancellationToken cancellationToken) => ValueTask.FromResult(MinerMode.None);
}
