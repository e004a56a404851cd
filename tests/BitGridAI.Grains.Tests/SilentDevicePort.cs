using System.Collections.Concurrent;
using BitGridAI.Grains.Abstractions.Messages;
using BitGridAI.Grains.Abstractions.Ports;

namespace BitGridAI.Grains.Tests;

/// <summary>
/// Samples are pushed in these tests; a poll finds nothing — unless a test made a device's polls hang until
/// cancelled, or throw something no driver should (a bug in a port must not fail the grain).
/// </summary>
internal sealed class SilentDevicePort : IDevicePort
{
    public static readonly ConcurrentDictionary<string, bool> Hang = new();
    public static readonly ConcurrentDictionary<string, bool> Throw = new();

    /// <summary>Polls that hang right now, per device.</summary>
    public static readonly ConcurrentDictionary<string, int> Hanging = new();

    public async ValueTask<IReadOnlyList<TelemetrySample>> ReadAsync(string deviceId, CancellationToken cancellationToken)
    {
        if (Throw.ContainsKey(deviceId))
        {
            throw new InvalidOperationException("test: the port itself is broken");
        }
        if (Hang.ContainsKey(deviceId))
        {
            Hanging.AddOrUpdate(deviceId, 1, (_, n) => n + 1);
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            finally
            {
                Hanging.AddOrUpdate(deviceId, 0, (_, n) => n - 1);
            }
        }
        return [];
    }
}
