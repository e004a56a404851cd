using System.Collections.Immutable;
using BitGridAI.Grains.Abstractions.Messages;

namespace BitGridAI.Grains.Devices;

/// <summary>
/// Where a device grain's own I/O reports back. Polls run outside the grain's turn (a slow or hung device never
/// holds the grain) and hand their outcome back through this call, which then runs as a turn of its own.
/// </summary>
internal interface IDeviceIoGrain : IGrainWithStringKey
{
    /// <summary>Poll number <paramref name="poll"/> is done: its samples, or why it failed.</summary>
    Task PolledAsync(long poll, ImmutableArray<TelemetrySample> samples, DeviceFailure? failure);
}
