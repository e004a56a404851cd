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
    public const int Count = 46;

    /// <summary>The site whose miner is read by its driver only and whose meter pushes only the grid's signals.</summary>
    public const string ChannelSite = "site-30";

    /// <summary>The site whose meter is pushed over MQTT with no signal configured: it may push none.</summary>
    public const string EmptyPushSite = "site-39";

    /// <summary>A site with two small miners (eco 500 W, standard 1,674 W), for the reservation between them.</summary>
    public const string TwoMinerSite = "fleet-1";

    /// <summary>A second two-miner site, for overrides of one miner.</summary>
    public const string SecondTwoMinerSite = "fleet-2";

    /// <summary>The three-miner site of the simulated day (an Avalon, a LuxOS machine and a Bitaxe).</summary>
    public const string FleetDaySite = "fleet-day";

    /// <summary>A two-miner site under the energy-path policy max_value, its miners with a rated hashrate.</summary>
    public const string MaxValueSite = "fleet-value";

    /// <summary>A third two-miner site, for the steps each miner is told.</summary>
    public const string ThirdTwoMinerSite = "fleet-3";

    public static readonly StaticSiteCatalog Catalog = new([.. Enumerable.Range(1, Count).Select(i => Site($"site-{i}")), TwoMiners(TwoMinerSite), TwoMiners(SecondTwoMinerSite), TwoMiners(ThirdTwoMinerSite), ThreeMiners(FleetDaySite), MaxValue(MaxValueSite)]);

    public static SiteDefinition Site(string id) => new(
        id,
        [
            new DeviceDefinition($"{id}-pv", DeviceKind.PvInverter),
            new DeviceDefinition($"{id}-battery", DeviceKind.Battery),
            id switch
            {
                ChannelSite => new DeviceDefinition($"{id}-meter", DeviceKind.GridMeter) { Channel = TelemetryChannel.Pushed, PushedSignals = [Signal.GridImportW, Signal.GridExportW] },
                EmptyPushSite => new DeviceDefinition($"{id}-meter", DeviceKind.GridMeter) { Channel = TelemetryChannel.Pushed, PushedSignals = [] },
                _ => new DeviceDefinition($"{id}-meter", DeviceKind.GridMeter),
            },
            new DeviceDefinition($"{id}-miner", DeviceKind.Miner, RatedPowerW: 1674, RelayId: $"{id}-plug") { Channel = id == ChannelSite ? TelemetryChannel.Polled : TelemetryChannel.Unknown },
        ],
        EngineConfig.Default,
        Autonomy.Full,
        Strategy.Surplus);

    private static SiteDefinition MaxValue(string id) => TwoMiners(id) with
    {
        Devices = [.. TwoMiners(id).Devices.Select(d => d.Kind == DeviceKind.Miner ? d with { RatedHashrateThs = 90 } : d)],
        Economics = SiteEconomics.Default with { Policy = BitGridAI.Domain.Economics.EnergyPathPolicy.MaxValue },
    };

    private static SiteDefinition ThreeMiners(string id) => Site(id) with
    {
        Devices =
        [
            .. Site(id).Devices.Where(d => d.Kind != DeviceKind.Miner),
            new DeviceDefinition($"{id}-avalon", DeviceKind.Miner, RatedPowerW: 1674, Priority: 1) { EcoDrawW = 800, SuperDrawW = 2000, RatedHashrateThs = 90 },
            new DeviceDefinition($"{id}-luxos", DeviceKind.Miner, RatedPowerW: 3250, Priority: 2) { EcoDrawW = 2200, SuperDrawW = 3600, RatedHashrateThs = 110 },
            new DeviceDefinition($"{id}-bitaxe", DeviceKind.Miner, RatedPowerW: 15, Priority: 3) { EcoDrawW = 10, SuperDrawW = 20, RatedHashrateThs = 1.2 },
        ],
    };

    private static SiteDefinition TwoMiners(string id) => Site(id) with
    {
        Devices =
        [
            .. Site(id).Devices.Where(d => d.Kind != DeviceKind.Miner),
            new DeviceDefinition($"{id}-miner", DeviceKind.Miner, RatedPowerW: 1674, Priority: 1) { EcoDrawW = 500, SuperDrawW = 2000 },
            new DeviceDefinition($"{id}-second", DeviceKind.Miner, RatedPowerW: 1674, Priority: 2) { EcoDrawW = 500, SuperDrawW = 2000 },
        ],
    };
}
