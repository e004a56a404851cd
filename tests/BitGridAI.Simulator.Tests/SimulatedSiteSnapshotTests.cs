using BitGridAI.Domain.Decisions;
using Microsoft.Extensions.Time.Testing;

namespace BitGridAI.Simulator.Tests;

/// <summary>The site's physical state saved as JSON and put back into a new site, as a restarted silo does.</summary>
public sealed class SimulatedSiteSnapshotTests
{
    private static readonly DateTimeOffset JuneMorning = new(2026, 6, 21, 6, 0, 0, TimeSpan.Zero);

    private static (SimulatedSite Site, FakeTimeProvider Clock) Create(DateTimeOffset start)
    {
        var clock = new FakeTimeProvider(start);
        return (new SimulatedSite(new SimulatedSiteOptions { FanFailuresPerDay = 0, CommLossesPerDay = 0 }, clock), clock);
    }

    /// <summary>Two hours of a June morning with the miner hashing behind a dead fan: the battery has moved from 60 % and the chip is hot.</summary>
    private static (SimulatedSite Site, FakeTimeProvider Clock) HotMorning()
    {
        var (site, clock) = Create(JuneMorning);
        site.SetMinerMode("miner-1", MinerMode.Standard);
        site.FailFan("miner-1", TimeSpan.FromHours(3));
        clock.Advance(TimeSpan.FromHours(2) + TimeSpan.FromSeconds(3)); // between two steps, as a save usually is
        return (site, clock);
    }

    /// <summary>Through the file format and into a new site whose clock stands where the old one stopped.</summary>
    private static (SimulatedSite Site, FakeTimeProvider Clock) Restarted(SimulatedSite site, DateTimeOffset now)
    {
        Assert.True(SimulatedSiteSnapshotJson.TryRead(SimulatedSiteSnapshotJson.Write(site.Snapshot()), out var snapshot, out var problem), problem);
        var (restarted, clock) = Create(now);
        Assert.True(restarted.TryRestore(snapshot, out problem), problem);
        return (restarted, clock);
    }

    [Fact]
    public void ARestartedSiteHasTheBatteryCountersAndChipItStoppedWith()
    {
        var (site, clock) = HotMorning();
        var before = site.ReadNow();
        var chip = site.MinerChipC("miner-1");
        Assert.True(Math.Abs(before.SocPct - 60) > 5 && chip > 90, $"the morning left SoC {before.SocPct:F1} % and the chip at {chip:F1} °C");

        var (restarted, _) = Restarted(site, clock.GetUtcNow());

        Assert.Equal(before, restarted.ReadNow());
        Assert.Equal(chip, restarted.MinerChipC("miner-1"));
        Assert.Equal(MinerMode.Standard, restarted.ModeOf("miner-1"));
        Assert.Equal(site.ReadMinerNow("miner-1"), restarted.ReadMinerNow("miner-1")); // uptime and power too
    }

    [Fact]
    public void ARestoredHotChipCoolsFromWhereItWasAndItsDeadFanStaysDead()
    {
        var (site, clock) = HotMorning();
        var (restarted, restartedClock) = Restarted(site, clock.GetUtcNow());

        // Still running behind the dead fan: it stays as hot as the original.
        clock.Advance(TimeSpan.FromMinutes(10));
        restartedClock.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(site.MinerChipC("miner-1"), restarted.MinerChipC("miner-1"), 9);

        site.SetMinerMode("miner-1", MinerMode.None);
        restarted.SetMinerMode("miner-1", MinerMode.None);
        clock.Advance(TimeSpan.FromMinutes(15));
        restartedClock.Advance(TimeSpan.FromMinutes(15));

        var cooling = restarted.MinerChipC("miner-1");
        Assert.Equal(site.MinerChipC("miner-1"), cooling, 9);
        Assert.True(cooling > 50, $"15 minutes after the stop the restored chip is at {cooling:F1} °C: it did not start from its hot state");
    }

    [Fact]
    public void ASiteRestoredFromAnOlderSnapshotRunsOnToTheClock()
    {
        var (site, clock) = Create(new DateTimeOffset(2026, 6, 21, 22, 0, 0, TimeSpan.Zero)); // night: the battery only feeds the house
        clock.Advance(TimeSpan.FromHours(1));
        var saved = site.Snapshot();

        // A crash: the clock resumes 40 minutes past the last save.
        var (restarted, _) = Create(saved.Site.At + TimeSpan.FromMinutes(40));
        Assert.True(restarted.TryRestore(saved, out var problem), problem);
        var now = restarted.ReadNow();

        Assert.InRange(saved.Site.SocPct - now.SocPct, 0.5, 5); // 40 minutes of a few hundred watts from 10 kWh
        Assert.True(now.ImportedWh >= saved.Site.ImportedWh && now.PvEnergyWh >= saved.Site.PvEnergyWh, "an energy counter went backwards");
    }

    public static TheoryData<string, string> ImpossibleSnapshots => new()
    {
        { "soc 150", "SoC 150 %" },
        { "soc NaN", "SoC NaN %" },
        { "chip 900", "chip temperature 900 °C" },
        { "negative import counter", "imported energy is -1" },
        { "running with its relay cut", "relay has cut its power" },
        { "cloud cover 3", "cloud cover 3" },
        { "two miners with one id", "appears twice" },
        { "saved after the clock", "after the simulated clock" },
        { "saved two days before the clock", "more than 24 h before" },
    };

    [Theory]
    [MemberData(nameof(ImpossibleSnapshots))]
    public void AnImpossibleSnapshotIsRefusedNamingWhatIsWrongAndTheSiteStaysFresh(string what, string expected)
    {
        var (hot, clock) = HotMorning();
        var saved = hot.Snapshot();
        var miner = saved.Miners[0];
        var snapshot = what switch
        {
            "soc 150" => saved with { Site = saved.Site with { SocPct = 150 } },
            "soc NaN" => saved with { Site = saved.Site with { SocPct = double.NaN } },
            "chip 900" => saved with { Miners = [miner with { ChipC = 900 }] },
            "negative import counter" => saved with { Site = saved.Site with { ImportedWh = -1 } },
            "running with its relay cut" => saved with { Miners = [miner with { PowerCut = true }] },
            "cloud cover 3" => saved with { Weather = saved.Weather with { Cloud = 3 } },
            "two miners with one id" => saved with { Miners = [miner, miner] },
            "saved after the clock" => saved with { Site = saved.Site with { At = clock.GetUtcNow() + TimeSpan.FromHours(1) } },
            "saved two days before the clock" => saved with
            {
                Site = saved.Site with { At = clock.GetUtcNow() - TimeSpan.FromDays(2) },
                Miners = [miner with { Mode = MinerMode.None, MiningSince = null }],
            },
            _ => throw new ArgumentOutOfRangeException(nameof(what)),
        };
        var (site, _) = Create(clock.GetUtcNow());

        Assert.False(site.TryRestore(snapshot, out var problem));

        Assert.Contains(expected, problem, StringComparison.Ordinal);
        Assert.Equal(60, site.ReadNow().SocPct);
        Assert.Equal(site.AmbientC, site.MinerChipC("miner-1"));
    }

    [Theory]
    [InlineData("", "not a readable snapshot")]
    [InlineData("{ \"format\": 1, \"snapshot\": ", "not a readable snapshot")]
    [InlineData("[1, 2]", "no format version")]
    [InlineData("{ \"snapshot\": {} }", "no format version")]
    [InlineData("{ \"format\": 2, \"snapshot\": {} }", "format 2; this version reads format 1")]
    [InlineData("{ \"format\": 1 }", "not a readable snapshot")]
    [InlineData("{ \"format\": 1, \"snapshot\": null }", "not a readable snapshot")]
    [InlineData("{ \"format\": \"1\", \"snapshot\": {} }", "no format version")]
    [InlineData("{ \"format\": 1, \"snapshot\": { \"weather\": { \"cloud\": 1, \"cloud_day\": -1, \"day_cloudiness\": 0 }, \"miners\": [] } }", "not a readable snapshot")]
    public void AFileThatIsNotASnapshotOfThisFormatIsNamedAsSuch(string json, string expected)
    {
        Assert.False(SimulatedSiteSnapshotJson.TryRead(json, out var snapshot, out var problem));

        Assert.Null(snapshot);
        Assert.Contains(expected, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void TheFileSaysItsFormatAndTheBatteryInPlainNames()
    {
        var (site, _) = HotMorning();

        var json = SimulatedSiteSnapshotJson.Write(site.Snapshot());

        Assert.Contains("\"format\": 1", json, StringComparison.Ordinal);
        Assert.Contains("\"soc_pct\":", json, StringComparison.Ordinal);
        Assert.Contains("\"chip_c\":", json, StringComparison.Ordinal);
        Assert.Contains("\"mode\": \"standard\"", json, StringComparison.Ordinal);
    }
}
