using System.Collections.Concurrent;
using BitGridAI.Grains.Abstractions.Ports;

namespace BitGridAI.Grains.Tests;

/// <summary>A test double for a smart plug: remembers every switch the plug confirmed, and every attempt at one that a test made fail or hang.</summary>
internal sealed class RecordingRelayPort : IRelayPort
{
    public static readonly ConcurrentQueue<(string RelayId, bool On)> Switched = new();

    /// <summary>Plugs that never report the new state (the port throws, as the real ones do after their wait).</summary>
    public static readonly ConcurrentDictionary<string, bool> Failing = new();

    public static readonly ConcurrentDictionary<string, int> FailedAttempts = new();

    /// <summary>Plugs whose switch hangs until the caller gives up (an attempt that began hanging hangs on after the flag is cleared).</summary>
    public static readonly ConcurrentDictionary<string, bool> Hang = new();

    /// <summary>Attempts that began hanging, and hung attempts the caller gave up (cancelled).</summary>
    public static readonly ConcurrentDictionary<string, int> HungAttempts = new();

    public static readonly ConcurrentDictionary<string, int> AbandonedAttempts = new();

    public async ValueTask SwitchAsync(string relayId, bool on, CancellationToken cancellationToken)
    {
        if (Failing.ContainsKey(relayId))
        {
            FailedAttempts.AddOrUpdate(relayId, 1, (_, n) => n + 1);
            throw new DeviceUnreachableException(relayId, "test: the plug did not report the new state");
        }
        if (Hang.ContainsKey(relayId))
        {
            HungAttempts.AddOrUpdate(relayId, 1, (_, n) => n + 1);
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            finally
            {
                AbandonedAttempts.AddOrUpdate(relayId, 1, (_, n) => n + 1);
            }
        }
        Switched.Enqueue((relayId, on));
    }
}
