using System.Collections.Immutable;
using BitGridAI.Grains.Abstractions.Messages;

namespace BitGridAI.Grains.Abstractions.Devices;

/// <summary>
/// A measuring device of a site (key: device id). It validates every sample, keeps the current block
/// window in memory, and hands the window to its site when the block closes.
/// </summary>
public interface IDeviceGrain : IGrainWithStringKey
{
    /// <summary>Takes one sample from a trusted in-process source (tests, benchmarks); implausible ones are counted and dropped.</summary>
    Task ReportAsync(TelemetrySample sample);

    /// <summary>Takes several samples in one call.</summary>
    Task ReportManyAsync(ImmutableArray<TelemetrySample> samples);

    /// <summary>
    /// Takes samples pushed over MQTT. A device speaks only through its configured channel: a polled device
    /// refuses them all (<c>signal:not_its_channel</c>), a pushed one every signal its mapping does not name
    /// (<c>signal:not_configured</c>); refusals are counted like implausible samples.
    /// </summary>
    Task ReportPushedAsync(ImmutableArray<TelemetrySample> samples);

    /// <summary>Closes the current window at <paramref name="windowEnd"/> and returns it; later samples stamped earlier count in the next window.</summary>
    Task<DeviceWindow> CloseWindowAsync(DateTimeOffset windowEnd);

    /// <summary>Latest readings, health and rejection counts, for people and the dashboard.</summary>
    Task<DeviceStatus> GetStatusAsync();
}
