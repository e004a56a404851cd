using BitGridAI.Domain.Signals;
using BitGridAI.Domain.Time;
using BitGridAI.Grains.Abstractions.Devices;
using BitGridAI.Grains.Abstractions.Messages;
using BitGridAI.Grains.Abstractions.Site;

namespace BitGridAI.Grains.Tests;

[Collection(ClusterDefinition.Name)]
public sealed class BlockLifecycleTests(ClusterFixture fixture)
{
    private static readonly BlockReadings Sunny = new(5200, 500, 0, 1000, 80, -1500, 50, 0);

    [Fact]
    public async Task ConcurrentTicksFinalizeABlockExactlyOnce()
    {
        var driver = new SiteDriver(fixture.Grains, "site-2");
        var boundary = SiteDriver.NextBoundary();
        await driver.PushAsync(Sunny, boundary);
        SiteDriver.MoveTo(boundary);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => driver.Site.TickAsync()));

        var decided = Assert.Single(outcomes, o => o.DecidedBlockId is not null);
        Assert.Equal(BlockClock.IdOf(BlockClock.IndexOf(boundary)), decided.DecidedBlockId);
        var record = await fixture.Grains.GetGrain<ISchedulerBlockGrain>($"site-2/{decided.DecidedBlockId}").GetRecordAsync();
        Assert.NotNull(record);
        Assert.Equal(decided.Decisions.Single().Sequence, Assert.Single(record.Decisions).Sequence);
    }

    [Fact]
    public async Task ALateSampleCountsInTheNextBlockAndNeverRewritesAClosedOne()
    {
        var driver = new SiteDriver(fixture.Grains, "site-3");
        var first = await driver.RunBlockAsync(Sunny);
        var closed = await fixture.Grains.GetGrain<ISchedulerBlockGrain>($"site-3/{first.DecidedBlockId}").GetRecordAsync();

        // A PV sample stamped inside the closed window arrives after the close.
        var late = new TelemetrySample(Signal.PvPowerW, 100, TestSiloConfigurator.Clock.GetUtcNow() - TimeSpan.FromSeconds(30));
        await driver.Device("site-3-pv").ReportAsync(late);
        var second = await driver.RunBlockAsync(Sunny);

        var closedAgain = await fixture.Grains.GetGrain<ISchedulerBlockGrain>($"site-3/{first.DecidedBlockId}").GetRecordAsync();
        Assert.Equal(closed!.FinalizedAt, closedAgain!.FinalizedAt);
        Assert.Equal(closed.Telemetry.Single(w => w.DeviceId == "site-3-pv").Signals.Single().Count,
            closedAgain.Telemetry.Single(w => w.DeviceId == "site-3-pv").Signals.Single().Count);
        var next = await fixture.Grains.GetGrain<ISchedulerBlockGrain>($"site-3/{second.DecidedBlockId}").GetRecordAsync();
        var pvWindow = next!.Telemetry.Single(w => w.DeviceId == "site-3-pv");
        Assert.Equal(1, pvWindow.LateSamples);
        Assert.Equal(3, pvWindow.Signals.Single().Count);
    }

    [Fact]
    public async Task MissedTicksAreCaughtUpOnceNotOncePerMissedBlock()
    {
        var driver = new SiteDriver(fixture.Grains, "site-4");
        var before = await driver.RunBlockAsync(Sunny);
        var lastDecided = BlockClock.IndexOf(TestSiloConfigurator.Clock.GetUtcNow());

        // Five boundaries pass while nobody ticks (the silo was busy or down).
        var boundary = BlockClock.StartOf(lastDecided + 5);
        await driver.PushAsync(Sunny, boundary);
        SiteDriver.MoveTo(boundary + TimeSpan.FromSeconds(20));
        var caughtUp = await driver.Site.TickAsync();
        var again = await driver.Site.TickAsync();

        Assert.NotNull(before.DecidedBlockId);
        Assert.Equal(BlockClock.IdOf(lastDecided + 5), caughtUp.DecidedBlockId);
        Assert.Null(again.DecidedBlockId);
        for (var skipped = lastDecided + 1; skipped < lastDecided + 5; skipped++)
        {
            Assert.Null(await fixture.Grains.GetGrain<ISchedulerBlockGrain>($"site-4/{BlockClock.IdOf(skipped)}").GetRecordAsync());
        }
        // Meanwhile the miner's dead-man's switch stopped it: its last decision ran out long before.
        var miner = await fixture.Grains.GetGrain<IMinerGrain>("site-4-miner").GetMinerStateAsync();
        Assert.Equal("STOP_R3_DECISION_EXPIRED", miner.LastSafetyCode);
        Assert.Equal("STOP", (await driver.Site.GetStatusAsync()).Miners.Single().Actuator);
    }

    [Fact]
    public async Task ImplausibleTelemetryIsCountedPerReasonAndReachesTheEngineAsMissing()
    {
        var driver = new SiteDriver(fixture.Grains, "site-5");
        var boundary = SiteDriver.NextBoundary();
        await driver.PushAsync(Sunny with { PvW = double.NaN }, boundary);
        await driver.Device("site-5-battery").ReportAsync(new TelemetrySample(Signal.BatterySocPct, 140, boundary - TimeSpan.FromSeconds(6)));
        await driver.Device("site-5-pv").ReportAsync(new TelemetrySample(Signal.PvPowerW, -20, boundary - TimeSpan.FromSeconds(6)));
        SiteDriver.MoveTo(boundary);
        var outcome = await driver.Site.TickAsync();

        var pv = await driver.Device("site-5-pv").GetStatusAsync();
        Assert.Equal(2, pv.Rejected["pv_power_w:NotFinite"]);
        Assert.Equal(1, pv.Rejected["pv_power_w:BelowRange"]);
        var battery = await driver.Device("site-5-battery").GetStatusAsync();
        Assert.Equal(1, battery.Rejected["battery_soc_pct:AboveRange"]);
        var decision = Assert.Single(outcome.Decisions);
        Assert.Equal("STOP_DQ_SIGNAL_MISSING", decision.DecisionCode);
        Assert.Contains("pv_power_w", decision.Missing);
    }
}
