using BitGridAI.Grains.Abstractions.Messages;

namespace BitGridAI.Grains.Abstractions.Ports;

/// <summary>
/// Reads a device (a poll): the samples it reports now, stamped in site time. Implemented by the
/// simulated site today and by the protocol drivers later; the grains never see a concrete driver.
/// Throws <see cref="DeviceUnreachableException"/> when the device does not answer.
/// </summary>
public interface IDevicePort
{
    ValueTask<IReadOnlyList<TelemetrySample>> ReadAsync(string deviceId, CancellationToken cancellationToken);
}
