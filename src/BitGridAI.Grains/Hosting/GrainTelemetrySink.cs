using System.Collections.Immutable;
using BitGridAI.Grains.Abstractions.Messages;
using BitGridAI.Grains.Abstractions.Ports;
using BitGridAI.Grains.Abstractions.Site;

namespace BitGridAI.Grains.Hosting;

/// <summary>Pushed telemetry into the device grains of the configured sites.</summary>
public sealed class GrainTelemetrySink(IGrainFactory grains, ISiteCatalog catalog) : ITelemetrySink
{
    private readonly Dictionary<string, DeviceDefinition> _devices =
        catalog.Sites.SelectMany(s => s.Devices).ToDictionary(d => d.Id, StringComparer.Ordinal);

    public bool Knows(string deviceId) => _devices.ContainsKey(deviceId);

    public Task ReportAsync(string deviceId, IReadOnlyList<TelemetrySample> samples)
    {
        var device = _devices.GetValueOrDefault(deviceId) ?? throw new KeyNotFoundException($"no configured site has a device '{deviceId}'");
        var grain = DeviceGrains.Of(grains, device);
        return samples.Count == 1 ? grain.ReportAsync(samples[0]) : grain.ReportManyAsync([.. samples]);
    }
}
