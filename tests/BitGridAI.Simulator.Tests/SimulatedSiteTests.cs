using BitGridAI.Domain.Decisions;
using BitGridAI.Domain.Signals;
using BitGridAI.Grains.Abstractions.Ports;
using Microsoft.Extensions.Time.Testing;

namespace BitGridAI.Simulator.Tests;

public sealed class SimulatedSiteTests
{
    private static readonly DateTimeOffset JuneMorning = new(2026, 6, 21, 6, 0, 0, TimeSpan.Zero);

    private static (SimulatedSite Site, FakeTimeProvider Clock) Create(DateTimeOffset start, int seed = 1, double faultsPerDay = 0)
    {
        var clock = new FakeTimeProvider(start);
        var options = new SimulatedSiteOptions { Seed = seed, FanFailuresPerDay = faultsPerDay, CommLossesPerDay = faultsPerDay };
        return (new SimulatedSite(options, clock), clock);
    }

    private static async Task<Dictionary<Signal, double>> ReadAllAsync(SimulatedSite site)
    {
        var values = new Dictionary<Signal, double>();
        foreach (var device in new[] { "pv-1", "battery-1", "meter-1", "miner-1" })
        {
            foreach (var sample in await site.ReadAsync(device, CancellationToken.None))
            {
                values[sample.Signal] = sample.Value;
            }
        }
        return values;
    }

    [Fact]
    public async Task TheEnergyBalanceHoldsAtEveryRead()
    {
        var (site, clock) = Create(JuneMorning);
        await site.SendAsync("miner-1", new MinerCommand("c1", ActuatorState.Start, MinerMode.Standard), CancellationToken.None);
        for (var i = 0; i < 24 * 6; i++)
        {
            clock.Advance(TimeSpan.FromMinutes(10));
            var v = await ReadAllAsync(site);
            var sources = v[Signal.PvPowerW] + v[Signal.GridImportW] + v[Signal.BatteryPowerW];
            var sinks = v[Signal.HouseLoadW] + v[Signal.MinerPowerW] + v[Signal.GridExportW];
            Assert.InRange(sources - sinks, -3, 3); // readings are rounded to whole watts
            Assert.InRange(v[Signal.BatterySocPct], 0, 100);
        }
    }

    [Fact]
    public async Task PvIsZeroAtNightAndStrongerAtNoonInJuneThanInDecember()
    {
        var (june, juneClock) = Create(new DateTimeOffset(2026, 6, 21, 0, 0, 0, TimeSpan.Zero));
        var (december, decemberClock) = Create(new DateTimeOffset(2026, 12, 21, 0, 0, 0, TimeSpan.Zero));
        juneClock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(0, (await june.ReadAsync("pv-1", CancellationToken.None)).Single().Value);

        double juneNoon = 0, decemberNoon = 0;
        juneClock.Advance(TimeSpan.FromHours(11));
        decemberClock.Advance(TimeSpan.FromHours(12));
        for (var i = 0; i < 6; i++)
        {
            juneClock.Advance(TimeSpan.FromMinutes(10));
            decemberClock.Advance(TimeSpan.FromMinutes(10));
            juneNoon += (await june.ReadAsync("pv-1", CancellationToken.None)).Single().Value;
            decemberNoon += (await december.ReadAsync("pv-1", CancellationToken.None)).Single().Value;
        }
        Assert.True(juneNoon > 1.5 * decemberNoon, $"June noon {juneNoon / 6:F0} W vs December noon {decemberNoon / 6:F0} W");
    }

    [Fact]
    public async Task TheSameSeedGivesTheSameSiteAndAnotherSeedAnother()
    {
        async Task<List<double>> Run(int seed)
        {
            var (site, clock) = Create(JuneMorning, seed);
            var values = new List<double>();
            for (var i = 0; i < 30; i++)
            {
                clock.Advance(TimeSpan.FromMinutes(7));
                values.AddRange((await ReadAllAsync(site)).OrderBy(kv => kv.Key).Select(kv => kv.Value));
            }
            return values;
        }

        Assert.Equal(await Run(5), await Run(5));
        Assert.NotEqual(await Run(5), await Run(6));
    }

    [Fact]
    public async Task ReadingOftenOrRarelyGivesTheSameSite()
    {
        var (often, oftenClock) = Create(JuneMorning);
        var (rarely, rarelyClock) = Create(JuneMorning);
        for (var i = 0; i < 60; i++)
        {
            oftenClock.Advance(TimeSpan.FromSeconds(61));
            await ReadAllAsync(often);
        }
        rarelyClock.Advance(TimeSpan.FromSeconds(61 * 60));

        Assert.Equal(await ReadAllAsync(often), await ReadAllAsync(rarely));
    }

    [Fact]
    public async Task AChipWarmsWithPowerCoolsWhenStoppedAndOverheatsWithADeadFan()
    {
        var (site, clock) = Create(JuneMorning);
        var idle = site.MinerChipC("miner-1");
        await site.SendAsync("miner-1", new MinerCommand("start", ActuatorState.Start, MinerMode.Standard), CancellationToken.None);
        clock.Advance(TimeSpan.FromHours(1));
        var running = (await site.ReadAsync("miner-1", CancellationToken.None)).Single(s => s.Signal == Signal.MinerTempC).Value;
        Assert.InRange(running, idle + 35, idle + 55);

        site.FailFan("miner-1", TimeSpan.FromHours(1));
        clock.Advance(TimeSpan.FromMinutes(20));
        var hot = (await site.ReadAsync("miner-1", CancellationToken.None)).Single(s => s.Signal == Signal.MinerTempC).Value;
        Assert.True(hot > 85, $"a dead fan left the chip at {hot} °C after 20 minutes");

        await site.SendAsync("miner-1", new MinerCommand("stop", ActuatorState.Stop, MinerMode.None), CancellationToken.None);
        clock.Advance(TimeSpan.FromHours(1));
        var cooled = (await site.ReadAsync("miner-1", CancellationToken.None)).Single(s => s.Signal == Signal.MinerTempC).Value;
        Assert.True(cooled < 40, $"a stopped chip stayed at {cooled} °C");
        Assert.Equal(0, site.MinerPowerW("miner-1"));
    }

    [Fact]
    public async Task ALostMinerFailsReadsAndCommandsUntilContactReturns()
    {
        var (site, clock) = Create(JuneMorning);
        site.LoseContact("miner-1", TimeSpan.FromMinutes(3));

        await Assert.ThrowsAsync<DeviceUnreachableException>(() => site.ReadAsync("miner-1", CancellationToken.None).AsTask());
        await Assert.ThrowsAsync<DeviceUnreachableException>(() =>
            site.SendAsync("miner-1", new MinerCommand("x", ActuatorState.Start, MinerMode.Standard), CancellationToken.None).AsTask());
        Assert.Equal(MinerMode.None, site.ModeOf("miner-1"));

        clock.Advance(TimeSpan.FromMinutes(4));
        Assert.Equal(2, (await site.ReadAsync("miner-1", CancellationToken.None)).Count);
    }

    [Theory]
    [InlineData(ActuatorState.Start, MinerMode.Standard, MinerMode.Standard, 1674)]
    [InlineData(ActuatorState.Start, MinerMode.Super, MinerMode.Super, 2000)]
    [InlineData(ActuatorState.Throttle, MinerMode.Eco, MinerMode.Eco, 800)]
    [InlineData(ActuatorState.Stop, MinerMode.None, MinerMode.None, 0)]
    public async Task CommandsSetTheMinersModeAndPower(ActuatorState action, MinerMode mode, MinerMode expected, double watts)
    {
        var (site, _) = Create(JuneMorning);
        await site.SendAsync("miner-1", new MinerCommand("c", action, mode), CancellationToken.None);

        Assert.Equal(expected, site.ModeOf("miner-1"));
        Assert.Equal(watts, (await site.ReadAsync("miner-1", CancellationToken.None)).Single(s => s.Signal == Signal.MinerPowerW).Value);
    }

    [Fact]
    public async Task ARepeatedCommandIdIsCarriedOutOnce()
    {
        var (site, _) = Create(JuneMorning);
        await site.SendAsync("miner-1", new MinerCommand("same", ActuatorState.Start, MinerMode.Standard), CancellationToken.None);
        await site.SendAsync("miner-1", new MinerCommand("other", ActuatorState.Stop, MinerMode.None), CancellationToken.None);
        await site.SendAsync("miner-1", new MinerCommand("same", ActuatorState.Start, MinerMode.Standard), CancellationToken.None);

        Assert.Equal(MinerMode.None, site.ModeOf("miner-1"));
    }

    [Fact]
    public async Task EveryChangeOfAMinersModeIsAnnouncedOnceWhateverChangedIt()
    {
        var (site, _) = Create(JuneMorning);
        var changes = new List<(string, MinerMode)>();
        site.MinerModeChanged += (miner, mode) => changes.Add((miner, mode));

        await site.SendAsync("miner-1", new MinerCommand("c1", ActuatorState.Start, MinerMode.Standard), CancellationToken.None);
        await site.SendAsync("miner-1", new MinerCommand("c1", ActuatorState.Start, MinerMode.Standard), CancellationToken.None);
        site.SetMinerMode("miner-1", MinerMode.Eco);
        site.SetMinerMode("miner-1", MinerMode.Eco);
        await site.SwitchAsync("plug-1", on: false, CancellationToken.None);
        await site.SwitchAsync("plug-1", on: false, CancellationToken.None);

        Assert.Equal([("miner-1", MinerMode.Standard), ("miner-1", MinerMode.Eco), ("miner-1", MinerMode.None)], changes);
    }

    [Fact]
    public async Task AnUnknownDeviceIsUnreachableByName()
    {
        var (site, _) = Create(JuneMorning);

        var error = await Assert.ThrowsAsync<DeviceUnreachableException>(() => site.ReadAsync("toaster", CancellationToken.None).AsTask());
        Assert.Contains("toaster", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RandomFaultsComeAtTheConfiguredRate()
    {
        var (site, clock) = Create(JuneMorning, seed: 3, faultsPerDay: 24);
        var unreachable = 0;
        for (var i = 0; i < 6 * 24 * 2; i++)
        {
            clock.Advance(TimeSpan.FromMinutes(10));
            try
            {
                await site.ReadAsync("miner-1", CancellationToken.None);
            }
            catch (DeviceUnreachableException)
            {
                unreachable++;
            }
        }
        Assert.InRange(unreachable, 5, 100);
    }

    [Fact]
    public void AcceleratedTimeRunsSpeedTimesFaster()
    {
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var time = new AcceleratedTimeProvider(start, 600);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        SpinWait.SpinUntil(() => watch.ElapsedMilliseconds >= 50);
        var elapsed = time.GetUtcNow() - start;

        Assert.True(elapsed >= TimeSpan.FromSeconds(30), $"600× for 50 ms should be ≥ 30 s of site time, was {elapsed}");
        Assert.Throws<ArgumentOutOfRangeException>(() => new AcceleratedTimeProvider(start, 0.5));
    }

    [Theory]
    [InlineData("BatteryCapacityWh", "Simulator:BatteryCapacityWh: must be a number from 1")]
    [InlineData("ChargeEfficiency", "Simulator:ChargeEfficiency: must be a number from 0.01 to 1")]
    [InlineData("DuplicateId", "device id 'pv-1' is used twice")]
    [InlineData("NoMiners", "Simulator:Miners: at least one miner is needed")]
    public void InvalidOptionsAreNamed(string what, string expected)
    {
        var options = new SimulatedSiteOptions();
        switch (what)
        {
            case "BatteryCapacityWh": options.BatteryCapacityWh = -5; break;
            case "ChargeEfficiency": options.ChargeEfficiency = 1.5; break;
            case "DuplicateId": options.BatteryId = "pv-1"; break;
            default: options.Miners.Clear(); break;
        }

        Assert.Contains(SimulatedSiteOptionsValidator.Check(options), e => e.Contains(expected, StringComparison.Ordinal));
        Assert.Empty(SimulatedSiteOptionsValidator.Check(new SimulatedSiteOptions()));
    }

    [Fact]
    public async Task EnergyCountersIntegrateEachStepsPower()
    {
        var (site, clock) = Create(JuneMorning);
        await site.SendAsync("miner-1", new MinerCommand("c1", ActuatorState.Start, MinerMode.Super), CancellationToken.None); // empties the battery by night
        double pvWh = 0, importedWh = 0, exportedWh = 0;
        for (var i = 0; i < 24 * 360; i++)
        {
            clock.Advance(SimulatedSite.Step);
            var now = site.ReadNow();
            pvWh += now.PvW * SimulatedSite.Step.TotalHours;
            importedWh += now.ImportW * SimulatedSite.Step.TotalHours;
            exportedWh += now.ExportW * SimulatedSite.Step.TotalHours;
        }
        var day = site.ReadNow();

        Assert.True(day.PvEnergyWh > 20_000 && day.ImportedWh > 0 && day.ExportedWh > 0, $"a June day: {day.PvEnergyWh:F0} Wh PV, {day.ImportedWh:F0} Wh in, {day.ExportedWh:F0} Wh out");
        Assert.Equal(pvWh, day.PvEnergyWh, 6);
        Assert.Equal(importedWh, day.ImportedWh, 6);
        Assert.Equal(exportedWh, day.ExportedWh, 6);
    }

    [Fact]
    public async Task UptimeCountsFromTheStartOfMiningAndHashrateFollowsPower()
    {
        var (site, clock) = Create(JuneMorning);
        await site.SendAsync("miner-1", new MinerCommand("c1", ActuatorState.Start, MinerMode.Standard), CancellationToken.None);
        clock.Advance(TimeSpan.FromMinutes(5));
        site.SetMinerMode("miner-1", MinerMode.Eco);
        clock.Advance(TimeSpan.FromMinutes(5));

        var eco = site.ReadMinerNow("miner-1");
        site.SetMinerMode("miner-1", MinerMode.None);
        var stopped = site.ReadMinerNow("miner-1");

        Assert.Equal((TimeSpan.FromMinutes(10), 800.0, 90 * 800 / 1674.0), (eco.Uptime, eco.PowerW, eco.HashrateThs));
        Assert.Equal((TimeSpan.Zero, 0.0, 0.0), (stopped.Uptime, stopped.PowerW, stopped.HashrateThs));
        site.LoseContact("miner-1", TimeSpan.FromMinutes(1));
        Assert.False(site.ReadMinerNow("miner-1").Answers);
        Assert.Throws<DeviceUnreachableException>(() => site.SetMinerMode("miner-1", MinerMode.Standard));
    }
}
