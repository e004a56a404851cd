using System.Collections.Concurrent;
using BitGridAI.Domain.Decisions;
using BitGridAI.Grains.Abstractions.Ports;

namespace BitGridAI.Grains.Tests;

/// <summary>
/// A test double for miner firmware: remembers every command and reports the commanded mode back, unless
/// a test made the miner deaf (it takes no command), stubborn (it takes commands but keeps mining), or made
/// its readbacks, its commands other than STOP, or its STOPs hang until the caller gives up.
/// </summary>
internal sealed class RecordingMinerPort : IMinerPort
{
    public static readonly ConcurrentQueue<(string MinerId, MinerCommand Command)> Sent = new();
    public static readonly ConcurrentDictionary<string, MinerMode> Modes = new();
    public static readonly ConcurrentDictionary<string, bool> Deaf = new();
    public static readonly ConcurrentDictionary<string, bool> Stubborn = new();
    public static readonly ConcurrentDictionary<string, bool> HangReads = new();
    public static readonly ConcurrentDictionary<string, bool> HangCommands = new();
    public static readonly ConcurrentDictionary<string, bool> HangStops = new();

    /// <summary>Calls that hang right now, per miner (what a STOP must not wait for).</summary>
    public static readonly ConcurrentDictionary<string, int> Hanging = new();

    /// <summary>Commands sent while another call to the same miner hung.</summary>
    public static readonly ConcurrentQueue<(string MinerId, MinerCommand Command)> SentWhileHanging = new();

    /// <summary>Hung calls that were given up (cancelled) by the grain.</summary>
    public static readonly ConcurrentQueue<(string MinerId, string Call)> Abandoned = new();

    public async ValueTask SendAsync(string minerId, MinerCommand command, CancellationToken cancellationToken)
    {
        if (Deaf.ContainsKey(minerId))
        {
            throw new DeviceUnreachableException(minerId, "test: the miner does not answer");
        }
        Sent.Enqueue((minerId, command));
        if (Hanging.GetValueOrDefault(minerId) > 0)
        {
            SentWhileHanging.Enqueue((minerId, command));
        }
        var hang = command.Action == ActuatorState.Stop ? HangStops.ContainsKey(minerId) : HangCommands.ContainsKey(minerId);
        if (hang)
        {
            await HangAsync(minerId, command.Action.ToString(), cancellationToken);
        }
        if (!Stubborn.ContainsKey(minerId))
        {
            Modes[minerId] = command.Action switch
            {
                ActuatorState.Start => command.Mode == MinerMode.Super ? MinerMode.Super : MinerMode.Standard,
                ActuatorState.Throttle => MinerMode.Eco,
                _ => MinerMode.None,
            };
        }
    }

    public async ValueTask<MinerMode> ReadModeAsync(string minerId, CancellationToken cancellationToken)
    {
        if (Deaf.ContainsKey(minerId))
        {
            throw new DeviceUnreachableException(minerId, "test: the miner does not answer");
        }
        if (HangReads.ContainsKey(minerId))
        {
            await HangAsync(minerId, "readback", cancellationToken);
        }
        return Stubborn.ContainsKey(minerId) ? MinerMode.Standard : Modes.GetValueOrDefault(minerId);
    }

    public static IReadOnlyList<MinerCommand> For(string minerId) => [.. Sent.Where(s => s.MinerId == minerId).Select(s => s.Command)];

    /// <summary>Never completes until cancelled, like a firmware that hangs on a request.</summary>
    private static async Task HangAsync(string minerId, string call, CancellationToken cancellationToken)
    {
        Hanging.AddOrUpdate(minerId, 1, (_, n) => n + 1);
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        finally
        {
            Hanging.AddOrUpdate(minerId, 0, (_, n) => n - 1);
            Abandoned.Enqueue((minerId, call));
        }
    }
}
