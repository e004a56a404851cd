using System.Collections.Immutable;
using BitGridAI.Grains.Abstractions.Messages;
using BitGridAI.Grains.Abstractions.Ports;
using BitGridAI.Grains.Abstractions.Site;

namespace BitGridAI.Grains.Hosting;

/// <summary>Pushed telemetry into the device grains of the configured sites; each grain takes only what its device is configured to push.</summary>
public sealed class GrainTelemetrySink(IGrainFactory grains, ISiteCatalog catalog) : ITelemetrySink
{
    private readonly Dictionary<string, DeviceDefinition> _devices =
        catalog.Sites.SelectMany(s => s.Devices).ToDictionary(d => d.Id, StringComparer.Ordinal);

    public bool Knows(string deviceId) => _devices.ContainsKey(deviceId);

    public Task ReportAsync(string deviceId, IReadOnlyList<TelemetrySample> samples)
    {
        var device = _devices.GetValueOrDefault(deviceId) ?? throw new KeyNotFoundException($"no configured site has a device '{deviceId}'");
        var grain = DeviceGrains.Of(grains, device);
        // The pushed path: the grain checks the samples against the device's configured channel and signals.
        return grain.ReportPushedAsync([.. samples]);
    }
}
