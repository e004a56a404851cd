using System.Collections.Concurrent;
using BitGridAI.Grains.Abstractions.Ports;

namespace BitGridAI.Grains.Tests;

/// <summary>A test double for a smart plug: remembers every switch.</summary>
internal sealed class RecordingRelayPort : IRelayPort
{
    public static readonly ConcurrentQueue<(string RelayId, bool On)> Switched = new();

    public ValueTask SwitchAsync(string relayId, bool on, CancellationToken cancellationToken)
    {
        Switched.Enqueue((relayId, on));
        return ValueTask.CompletedTask;
    }
}
