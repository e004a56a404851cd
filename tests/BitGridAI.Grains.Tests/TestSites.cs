using BitGridAI.Domain.Config;
using BitGridAI.Domain.Decisions;
using BitGridAI.Domain.Signals;
using BitGridAI.Grains.Abstractions.Site;
using BitGridAI.Grains.Hosting;

namespace BitGridAI.Grains.Tests;

/// <summary>
/// The sites the test silo knows: each test takes its own, so tests sharing one cluster never see each
/// other's devices. Device ids are prefixed with the site id.
/// </summary>
internal static class TestSites
{
    public const int Count = 40;

    /// <summary>The site whose miner is read by its driver only and whose meter pushes only the grid's signals.</summary>
    public const string ChannelSite = "site-30";

    public static readonly StaticSiteCatalog Catalog = new([.. Enumerable.Range(1, Count).Select(i => Site($"site-{i}"))]);

    public static SiteDefinition Site(string id) => new(
        id,
        [
            new DeviceDefinition($"{id}-pv", DeviceKind.PvInverter),
            new DeviceDefinition($"{id}-battery", DeviceKind.Battery),
            id == ChannelSite
                ? new DeviceDefinition($"{id}-meter", DeviceKind.GridMeter) { Channel = TelemetryChannel.Pushed, PushedSignals = [Signal.GridImportW, Signal.GridExportW] }
                : new DeviceDefinition($"{id}-meter", DeviceKind.GridMeter),
            new DeviceDefinition($"{id}-miner", DeviceKind.Miner, RatedPowerW: 1674, RelayId: $"{id}-plug") { Channel = id == ChannelSite ? TelemetryChannel.Polled : TelemetryChannel.Unknown },
        ],
        EngineConfig.Default,
        Autonomy.Full,
        Strategy.Surplus);
}
