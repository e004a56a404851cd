using System.Collections.Concurrent;
using BitGridAI.Domain.Decisions;
using BitGridAI.Grains.Abstractions.Ports;

namespace BitGridAI.Grains.Tests;

/// <summary>
/// A test double for miner firmware: remembers every command and reports the commanded mode back, unless
/// a test made the miner deaf (it takes no command) or stubborn (it takes commands but keeps mining).
/// </summary>
internal sealed class RecordingMinerPort : IMinerPort
{
    public static readonly ConcurrentQueue<(string MinerId, MinerCommand Command)> Sent = new();
    public static readonly ConcurrentDictionary<string, MinerMode> Modes = new();
    public static readonly ConcurrentDictionary<string, bool> Deaf = new();
    public static readonly ConcurrentDictionary<string, bool> Stubborn = new();

    public ValueTask SendAsync(string minerId, MinerCommand command, CancellationToken cancellationToken)
    {
        if (Deaf.ContainsKey(minerId))
        {
            throw new DeviceUnreachableException(minerId, "test: the miner does not answer");
        }
        Sent.Enqueue((minerId, command));
        if (!Stubborn.ContainsKey(minerId))
        {
            Modes[minerId] = command.Action switch
            {
                ActuatorState.Start => command.Mode == MinerMode.Super ? MinerMode.Super : MinerMode.Standard,
                ActuatorState.Throttle => MinerMode.Eco,
                _ => MinerMode.None,
            };
        }
        return ValueTask.CompletedTask;
    }

    public ValueTask<MinerMode> ReadModeAsync(string minerId, CancellationToken cancellationToken) =>
        Deaf.ContainsKey(minerId)
            ? throw new DeviceUnreachableException(minerId, "test: the miner does not answer")
            : ValueTask.FromResult(Stubborn.ContainsKey(minerId) ? MinerMode.Standard : Modes.GetValueOrDefault(minerId));

    public static IReadOnlyList<MinerCommand> For(string minerId) => [.. Sent.Where(s => s.MinerId == minerId).Select(s => s.Command)];
}
