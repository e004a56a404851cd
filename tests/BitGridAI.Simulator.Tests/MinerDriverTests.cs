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
        ["eco"] = new() { PowerW = 800, WorkMode = 0, Profile = "eco" },
        ["standard"] = new() { PowerW = 1674, WorkMode = 1, Profile = "default" },
        ["super"] = new() { PowerW = 2000, WorkMode = 2, Profile = "super" },
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

    [Theory]
    [InlineData(CgminerFirmware.Avalon)]
    [InlineData(CgminerFirmware.LuxOs)]
    public async Task ACgminerFamilyMinerStartsThrottlesAndStopsAndIsReadBack(CgminerFirmware firmware)
    {
        var driver = Cgminer(firmware);

        await driver.SendAsync(Command(ActuatorState.Start, MinerMode.Super), default);
        Assert.Equal(MinerMode.Super, _sim.Site.ModeOf(SimulatorHarness.Avalon));
        Assert.Equal(MinerMode.Super, await driver.ReadModeAsync(default));

        await driver.SendAsync(Command(ActuatorState.Throttle, MinerMode.Eco), default);
        Assert.Equal(MinerMode.Eco, _sim.Site.ModeOf(SimulatorHarness.Avalon));
        Assert.Equal(MinerMode.Eco, await driver.ReadModeAsync(default));

        await driver.SendAsync(Command(ActuatorState.Stop), default);
        Assert.Equal(MinerMode.None, _sim.Site.ModeOf(SimulatorHarness.Avalon));
        Assert.Equal(MinerMode.None, await driver.ReadModeAsync(default));

        await driver.SendAsync(Command(ActuatorState.Start, MinerMode.Standard), default);
        Assert.Equal(MinerMode.Standard, await driver.ReadModeAsync(default));
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
