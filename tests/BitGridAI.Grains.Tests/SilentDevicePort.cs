using BitGridAI.Grains.Abstractions.Messages;
using BitGridAI.Grains.Abstractions.Ports;

namespace BitGridAI.Grains.Tests;

/// <summary>Polling is off in these tests (samples are pushed); a poll would find nothing.</summary>
internal sealed class SilentDevicePort : IDevicePort
{
    public ValueTask<IReadOnlyList<TelemetrySample>> ReadAsync(string deviceId, CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlyList<TelemetrySample>>([]);
}
