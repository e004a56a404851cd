using System.Collections.Concurrent;
using BitGridAI.Grains.Abstractions.Messages;
using BitGridAI.Grains.Abstractions.Ports;

namespace BitGridAI.Grains.Tests;

/// <summary>
/// Polling is off in these tests (samples are pushed); a poll would find nothing. A device grain polls once
/// as it activates, so where polling is on (the wake cluster) the reads count a device's activations.
/// </summary>
internal sealed class SilentDevicePort : IDevicePort
{
    public static readonly ConcurrentDictionary<string, int> Reads = new();

    public ValueTask<IReadOnlyList<TelemetrySample>> ReadAsync(string deviceId, CancellationToken cancellationToken)
    {
        Reads.AddOrUpdate(deviceId, 1, (_, n) => n + 1);
        return ValueTask.FromResult<IReadOnlyList<TelemetrySample>>([]);
    }
}
