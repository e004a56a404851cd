using BitGridAI.Simulator.Protocols;
using Microsoft.Extensions.Time.Testing;

namespace BitGridAI.Simulator.Tests;

/// <summary>
/// A simulated site on a fake clock with its protocol servers on ephemeral loopback ports: an Avalon-class
/// miner on the cgminer API, a Bitaxe-class miner on AxeOS and an Antminer on LuxOS (cgminer API, the
/// luxos-miner template's profiles and powers). The clock starts ten minutes before a June
/// noon and is advanced to it, so PV runs and the energy counters have counted.
/// </summary>
internal sealed class SimulatorHarness : IAsyncDisposable
{
    public const string Avalon = "avalon-1";
    public const string Bitaxe = "bitaxe-1";
    public const string LuxOs = "luxos-1";

    private SimulatorHarness(SimulatedSiteOptions options, FakeTimeProvider clock, SimulatedSite site, SimulatorServers servers)
    {
        Options = options;
        Clock = clock;
        Site = site;
        Servers = servers;
    }

    public SimulatedSiteOptions Options { get; }

    public FakeTimeProvider Clock { get; }

    public SimulatedSite Site { get; }

    public SimulatorServers Servers { get; private set; }

    public static SimulatedSiteOptions DefaultOptions()
    {
        var options = new SimulatedSiteOptions { FanFailuresPerDay = 0, CommLossesPerDay = 0 };
        options.Protocols.ModbusPort = 0;
        options.Miners =
        [
            new SimulatedMinerOptions { Id = Avalon, RelayId = "plug-1" },
            new SimulatedMinerOptions
            {
                Id = Bitaxe,
                RelayId = "plug-2",
                Api = MinerApis.AxeOs,
                EcoPowerW = 10,
                StandardPowerW = 15,
                SuperPowerW = 20,
                StandardHashrateThs = 1.2,
                HeatRiseAtStandardK = 35,
            },
            new SimulatedMinerOptions
            {
                Id = LuxOs,
                RelayId = null,
                Firmware = MinerFirmwares.LuxOs,
                EcoPowerW = 2200,
                StandardPowerW = 3250,
                SuperPowerW = 3600,
                StandardHashrateThs = 110,
                EcoHashrateThs = 80,
                SuperHashrateThs = 118,
                HeatRiseAtStandardK = 40,
            },
        ];
        return options;
    }

    public static async Task<SimulatorHarness> StartAsync(SimulatedSiteOptions? options = null)
    {
        options ??= DefaultOptions();
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 6, 21, 11, 50, 0, TimeSpan.Zero));
        var site = new SimulatedSite(options, clock);
        clock.Advance(TimeSpan.FromMinutes(10));
        var servers = await SimulatorServers.StartAsync(site, options, CancellationToken.None);
        return new SimulatorHarness(options, clock, site, servers);
    }

    /// <summary>Stops every server and starts them again on the ports they had, as a device restarting does.</summary>
    public async Task RestartAsync()
    {
        Options.Protocols.ModbusPort = Servers.ModbusPort;
        foreach (var miner in Options.Miners)
        {
            miner.ApiPort = Servers.ApiPortOf(miner.Id);
        }
        await Servers.DisposeAsync();
        Servers = await SimulatorServers.StartAsync(Site, Options, CancellationToken.None);
    }

    public ValueTask DisposeAsync() => Servers.DisposeAsync();
}
