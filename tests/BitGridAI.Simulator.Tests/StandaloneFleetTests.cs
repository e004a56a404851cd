using BitGridAI.Adapters.Drivers;
using BitGridAI.Adapters.Miners;
using BitGridAI.Domain.Decisions;
using BitGridAI.Grains.Abstractions.Ports;
using Microsoft.Extensions.Time.Testing;

namespace BitGridAI.Simulator.Tests;

/// <summary>
/// The miners of the shipped standalone site (silo-config/standalone.json) as the simulator serves them and the
/// silo drives them: each simulated miner answers what its device's template commands, draws that template's
/// power per mode, and stays below its template's chip limits at full power through a summer noon.
/// </summary>
public sealed class StandaloneFleetTests
{
    [Fact]
    public async Task EachShippedMinerIsDrivenByItsTemplateAndReadBackInEveryMode()
    {
        var devices = ShippedConfig.StandaloneMinerDevices();
        await using var sim = await SimulatorHarness.StartAsync(StandaloneOptions(freePorts: true));

        foreach (var (id, template, _, _) in devices)
        {
            var modes = ShippedConfig.TemplateModes(template);
            var driver = Driver(sim, id, template);
            foreach (var mode in new[] { MinerMode.Eco, MinerMode.Standard, MinerMode.Super })
            {
                await driver.SendAsync(new MinerCommand(Guid.NewGuid().ToString("N"), mode == MinerMode.Eco ? ActuatorState.Throttle : ActuatorState.Start, mode), default);
                Assert.Equal(modes[mode.ToString().ToLowerInvariant()].PowerW, sim.Site.MinerPowerW(id), 0.01);
                Assert.Equal(mode, await driver.ReadModeAsync(default));
            }
            await driver.SendAsync(new MinerCommand(Guid.NewGuid().ToString("N"), ActuatorState.Stop, MinerMode.None), default);
            Assert.Equal(MinerMode.None, await driver.ReadModeAsync(default));
        }
    }

    [Fact]
    public async Task AtFullPowerThroughASummerNoonNoShippedMinerReachesItsChipLimit()
    {
        var devices = ShippedConfig.StandaloneMinerDevices();
        var options = StandaloneOptions();
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 6, 21, 10, 0, 0, TimeSpan.Zero));
        var site = new SimulatedSite(options, clock);
        foreach (var (id, _, _, _) in devices)
        {
            site.SetMinerMode(id, MinerMode.Super);
        }

        clock.Advance(TimeSpan.FromHours(4)); // many thermal time constants: the chips sit at their steady state

        foreach (var (id, template, _, _) in devices)
        {
            var chip = site.ReadMinerNow(id).ChipC;
            var limit = ShippedConfig.TemplateNumber(template, "maxChipTempC");
            Assert.True(chip < limit - 2, $"{id} ({template}) runs at {chip:F1} °C in super mode on a summer day, its limit is {limit} °C");
            Assert.True(chip > options.AmbientC + 10, $"{id} at full power should run well above the air, it is {chip:F1} °C");
        }
    }

    [Fact]
    public void TheShippedSimulatedMinersValidateAndMatchTheirDevices()
    {
        var options = StandaloneOptions();
        var devices = ShippedConfig.StandaloneMinerDevices();

        Assert.Empty(SimulatedSiteOptionsValidator.Check(options));
        Assert.Equal(devices.Select(d => d.Id), options.Miners.Select(m => m.Id));
        Assert.Equal(devices.Select(d => d.Priority), options.Miners.Select(m => m.Priority));
        Assert.Equal(devices.Count, devices.Select(d => d.Priority).Distinct().Count());
        foreach (var (id, template, port, _) in devices)
        {
            var miner = options.Miners.Single(m => m.Id == id);
            Assert.Equal(port, miner.ApiPort);
            Assert.Equal(template == "bitaxe" ? MinerApis.AxeOs : MinerApis.Cgminer, miner.Api);
            Assert.Equal(template == "luxos-miner" ? MinerFirmwares.LuxOs : MinerFirmwares.Avalon, miner.Firmware);
        }
    }

    /// <summary>The standalone site's simulated miners without random faults; on free ports to serve them beside a running silo.</summary>
    private static SimulatedSiteOptions StandaloneOptions(bool freePorts = false)
    {
        var options = new SimulatedSiteOptions { FanFailuresPerDay = 0, CommLossesPerDay = 0, Miners = ShippedConfig.StandaloneSimulatedMiners() };
        options.Protocols.ModbusPort = 0;
        if (freePorts)
        {
            options.Miners.ForEach(m => m.ApiPort = 0);
        }
        return options;
    }

    private static IMinerDriver Driver(SimulatorHarness sim, string id, string template)
    {
        var port = sim.Servers.ApiPortOf(id);
        var modes = ShippedConfig.Modes(template);
        return template == "bitaxe"
            ? new AxeOsDriver(AxeOsClient.Create("127.0.0.1", port, TimeSpan.FromSeconds(2)), modes)
            : new CgminerDriver(new CgminerClient("127.0.0.1", port, TimeSpan.FromSeconds(2)), template == "luxos-miner" ? CgminerFirmware.LuxOs : CgminerFirmware.Avalon, modes, sim.Clock);
    }
}
