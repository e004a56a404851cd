using System.Collections.Concurrent;
using BitGridAI.Grains.Ports;

namespace BitGridAI.Grains.Tests;

/// <summary>A test double for miner firmware: takes every command and remembers it.</summary>
internal sealed class RecordingMinerPort : IMinerPort
{
    public static readonly ConcurrentQueue<(string MinerId, MinerCommand Command)> Sent = new();

    public ValueTask SendAsync(string minerId, MinerCommand command, CancellationToken cancellationToken)
    {
        Sent.Enqueue((minerId, command));
        return ValueTask.CompletedTask;
    }

    public static IReadOnlyList<MinerCommand> For(string minerId) => [.. Sent.Where(s => s.MinerId == minerId).Select(s => s.Command)];
}
