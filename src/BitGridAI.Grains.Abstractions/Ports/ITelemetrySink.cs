using BitGridAI.Grains.Abstractions.Messages;

namespace BitGridAI.Grains.Abstractions.Ports;

/// <summary>
/// Where pushed telemetry (MQTT) goes: the grain of the named device. Polled devices are read through
/// <see cref="IDevicePort"/> instead; both end in the same validation.
/// </summary>
public interface ITelemetrySink
{
    /// <summary>True when a configured site has a device with this id.</summary>
    bool Knows(string deviceId);

    /// <summary>Hands the samples to the device's grain; throws <see cref="KeyNotFoundException"/> for an unknown device.</summary>
    Task ReportAsync(string deviceId, IReadOnlyList<TelemetrySample> samples);
}
