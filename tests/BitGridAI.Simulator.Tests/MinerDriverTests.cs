using BitGridAI.Adapters.Drivers;
using BitGridAI.Adapters.Miners;
using BitGridAI.Domain.Decisions;
using BitGridAI.Domain.Signals;
using BitGridAI.Grains.Abstractions.Ports;

namespace BitGridAI.Simulator.Tests;

/// <summary>
/// The miner drivers the silo uses, against the simulator's firmware servers: a command changes what the
/// simulated miner does, and the readback tells the mode from what it draws.
/// </summary>
public sealed class MinerDriverTests : IAsyncLifetime
{
    private static readonly Dictionary<string, MinerModeSettings> AvalonModes = new()
    {
        ["eco"] = new() { PowerW = 800, WorkMode = 0 },
        ["standard"] = new() { PowerW = 1674, WorkMode = 1 },
        ["super"] = new() { PowerW = 2000, WorkMode = 2 },
    };

    private static readonly Dictionary<string, MinerModeSettings> BitaxeModes = new()
    {
        ["eco"] = new() { PowerW = 10, FrequencyMhz = 400, CoreVoltageMv = 1100 },
        ["standard"] = new() { PowerW = 15, FrequencyMhz = 525, CoreVoltageMv = 1150 },
        ["super"] = new() { PowerW = 20, FrequencyMhz = 600, CoreVoltageMv = 1200 },
    };

    private SimulatorHarness _sim = null!;

    public async Task InitializeAsync() => _sim = await SimulatorHarness.StartAsync();

    public async Task DisposeAsync() => await _sim.DisposeAsync();

    private CgminerDriver Cgminer(CgminerFirmware firmware) => new(
        new CgminerClient("127.0.0.1", _sim.Servers.ApiPortOf(SimulatorHarness.Avalon), TimeSpan.FromSeconds(1)),
        firmware, new MinerModes(AvalonModes), _sim.Clock);

    private AxeOsDriver AxeOs() => new(
        new AxeOsClient(new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{_sim.Servers.ApiPortOf(SimulatorHarness.Bitaxe)}"), Timeout = TimeSpan.FromSeconds(1) }),
        new MinerModes(BitaxeModes));

    private static MinerCommand Command(ActuatorState action, MinerMode mode = MinerMode.None) => new(Guid.NewGuid().ToString("N"), action, mode);

    [Fact]
    public async Task AStopGoesOutOnAFreshConnectionWhileTheFirmwareHangsOnThePreviousCommand()
    {
        var driver = new CgminerDriver(
            new CgminerClient("127.0.0.1", _sim.Servers.ApiPortOf(SimulatorHarness.Avalon), TimeSpan.FromSeconds(30)),
            CgminerFirmware.Avalon, new MinerModes(AvalonModes), _sim.Clock);
        await driver.SendAsync(Command(ActuatorState.Start, MinerMode.Standard), CancellationToken.None);
        Assert.Equal(MinerMode.Standard, _sim.Site.ModeOf(SimulatorHarness.Avalon));
        _sim.Site.StallNextRequests(SimulatorHarness.Avalon);
        using var abandon = new CancellationTokenSource();
        var hung = driver.SendAsync(Command(ActuatorState.Throttle), abandon.Token).AsTask();
        // The firmware holds the throttle before the STOP leaves (otherwise the STOP would be the request it stalls).
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (_sim.Site.StallsLeft(SimulatorHarness.Avalon) > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(5);
        }
        Assert.Equal(0, _sim.Site.StallsLeft(SimulatorHarness.Avalon));

        await driver.SendAsync(Command(ActuatorState.Stop), CancellationToken.None);

        // The stop was carried out while the firmware still hangs on the command before it.
        Assert.Equal(MinerMode.None, _sim.Site.ModeOf(SimulatorHarness.Avalon));
        Assert.False(hung.IsCompleted);
        await abandon.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => hung);
        Assert.Equal(MinerMode.None, _sim.Site.ModeOf(SimulatorHarness.Avalon)); // the abandoned command never landed
    }

    /// <summary>
    /// Each firmware, driven as the silo drives it with its shipped template (Avalon work modes, LuxOS profiles by
    /// name, Bitaxe frequency and voltage): every mode is carried out, drawn at the template's power and read back
    /// as itself; a stop (soft off, curtail sleep, pause) reads back as stopped, a start from there as running.
    /// </summary>
    [Theory]
    [InlineData(SimulatorHarness.Avalon, "avalon-q")]
    [InlineData(SimulatorHarness.LuxOs, "luxos-miner")]
    [InlineData(SimulatorHarness.Bitaxe, "bitaxe")]
    public async Task EveryModeOfEachFirmwareIsCarriedOutAndReadBackAndAStopAndStartAreToo(string minerId, string template)
    {
        var driver = Driver(minerId, template);
        var powers = ShippedConfig.TemplateModes(template);

        foreach (var (mode, action) in new[] { (MinerMode.Eco, ActuatorState.Throttle), (MinerMode.Standard, ActuatorState.Start), (MinerMode.Super, ActuatorState.Start), (MinerMode.Eco, ActuatorState.Throttle) })
        {
            await driver.SendAsync(Command(action, mode), default);
            Assert.Equal(mode, _sim.Site.ModeOf(minerId));
            Assert.Equal(powers[mode.ToString().ToLowerInvariant()].PowerW, _sim.Site.MinerPowerW(minerId), 0.01);
            Assert.Equal(mode, await driver.ReadModeAsync(default));
        }

        await driver.SendAsync(Command(ActuatorState.Stop), default);
        Assert.Equal(MinerMode.None, _sim.Site.ModeOf(minerId));
        Assert.Equal(MinerMode.None, await driver.ReadModeAsync(default));
        Assert.True(_sim.Site.ReadMinerNow(minerId).Answers, "a stopped miner keeps its control board up and answering");

        await driver.SendAsync(Command(ActuatorState.Start, MinerMode.Standard), default);
        Assert.Equal(MinerMode.Standard, await driver.ReadModeAsync(default));

        // Stopped in super, started in super: the firmware's resume brings back what was commanded, not its last mode.
        await driver.SendAsync(Command(ActuatorState.Stop), default);
        await driver.SendAsync(Command(ActuatorState.Start, MinerMode.Super), default);
        Assert.Equal(MinerMode.Super, await driver.ReadModeAsync(default));
    }

    private IMinerDriver Driver(string minerId, string template)
    {
        var port = _sim.Servers.ApiPortOf(minerId);
        var modes = ShippedConfig.Modes(template);
        return template switch
        {
            "bitaxe" => new AxeOsDriver(new AxeOsClient(new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(1) }), modes),
            _ => new CgminerDriver(
                new CgminerClient("127.0.0.1", port, TimeSpan.FromSeconds(1)),
                template == "luxos-miner" ? CgminerFirmware.LuxOs : CgminerFirmware.Avalon,
                modes,
                _sim.Clock),
        };
    }

    [Fact]
    public async Task AMinersReadingsAreItsHottestTemperatureAndItsPower()
    {
        var driver = Cgminer(CgminerFirmware.Avalon);
        await driver.SendAsync(Command(ActuatorState.Start, MinerMode.Standard), default);

        var readings = await driver.ReadAsync(default);

        Assert.Equal([Signal.MinerTempC, Signal.MinerPowerW], readings.Select(r => r.Signal));
        Assert.Equal(_sim.Site.MinerChipC(SimulatorHarness.Avalon), readings[0].Value, 0.1);
        Assert.Equal(1674, readings[1].Value, 0.5);
    }

    [Fact]
    public async Task ABitaxeIsPausedResumedAndSetToTheModesFrequency()
    {
        var driver = AxeOs();

        await driver.SendAsync(Command(ActuatorState.Throttle, MinerMode.Eco), default);
        Assert.Equal(MinerMode.Eco, await driver.ReadModeAsync(default));

        await driver.SendAsync(Command(ActuatorState.Start, MinerMode.Standard), default);
        Assert.Equal(MinerMode.Standard, await driver.ReadModeAsync(default));
        Assert.Equal(15, _sim.Site.MinerPowerW(SimulatorHarness.Bitaxe), 0.5);

        await driver.SendAsync(Command(ActuatorState.Stop), default);
        Assert.Equal(MinerMode.None, _sim.Site.ModeOf(SimulatorHarness.Bitaxe));
        Assert.Equal(MinerMode.None, await driver.ReadModeAsync(default));
    }

    [Fact]
    public async Task AMinerThatLostContactIsAnApiErrorNamingWhereItFailed()
    {
        _sim.Site.LoseContact(SimulatorHarness.Avalon, TimeSpan.FromMinutes(5));

        var error = await Assert.ThrowsAsync<MinerApiException>(() => Cgminer(CgminerFirmware.Avalon).ReadModeAsync(default).AsTask());

        Assert.Contains($"127.0.0.1:{_sim.Servers.ApiPortOf(SimulatorHarness.Avalon)}", error.Message, StringComparison.Ordinal);
    }
}
