using System.Collections.Immutable;
using BitGridAI.Domain.Time;
using BitGridAI.Grains.Abstractions.Messages;
using BitGridAI.Grains.Abstractions.Site;

namespace BitGridAI.Grains.Tests;

/// <summary>
/// A miner reports its safety stop to the site one-way: the report can arrive after the block boundary, even after
/// the next tick. The site counts the stop from when it happened, never from when the report arrived.
/// </summary>
[Collection(ClusterDefinition.Name)]
public sealed class SafetyReportTests(ClusterFixture fixture)
{
    private static readonly BlockReadings Sunny = new(5200, 500, 0, 1000, 80, -1500, 50, 0);

    [Fact]
    public async Task AStopReportedAfterTheBoundaryCountsFromTheBlockItHappenedIn()
    {
        var driver = new SiteDriver(fixture.Grains, "site-31");
        var started = await driver.RunBlockAsync(Sunny);
        Assert.Equal("START", Assert.Single(started.Decisions).Action);
        var boundary = SiteDriver.NextBoundary();
        var stoppedAt = boundary - TimeSpan.FromSeconds(5);

        // The stop happened 5 s before the boundary; its report arrives once the next block has begun, before its tick.
        SiteDriver.MoveTo(boundary);
        await ReportAsync(driver, Stop("site-31", stoppedAt), stoppedAt);

        var miner = (await driver.Site.GetStatusAsync()).Miners.Single();
        Assert.Equal("STOP", miner.Actuator);
        Assert.Equal(1, miner.BlocksSinceChange);
    }

    [Fact]
    public async Task AStopReportedAfterTheNextTickStillCountsFromItsOwnBlockAndTheTicksDecisionStands()
    {
        var driver = new SiteDriver(fixture.Grains, "site-32");
        Assert.Equal("START", Assert.Single((await driver.RunBlockAsync(Sunny)).Decisions).Action);
        var stoppedAt = SiteDriver.NextBoundary() - TimeSpan.FromSeconds(5);

        // The next tick stops the miner too (a person's override), not yet knowing of the safety stop before it.
        Assert.True((await fixture.Grains.GetGrain<IOverrideGrain>("site-32").SetAsync("STOP", 60, "tester")).Accepted);
        var tick = Assert.Single((await driver.RunBlockAsync(Sunny)).Decisions);
        Assert.Equal("STOP", tick.Action);
        Assert.Equal(0, (await driver.Site.GetStatusAsync()).Miners.Single().BlocksSinceChange);

        await ReportAsync(driver, Stop("site-32", stoppedAt), stoppedAt);

        var miner = (await driver.Site.GetStatusAsync()).Miners.Single();
        Assert.Equal("STOP", miner.Actuator);
        Assert.Equal(1, miner.BlocksSinceChange); // stopped in the block before the tick, by the safety path
        Assert.True(miner.LockoutActive);
        Assert.Equal(tick.DecisionCode, miner.LastDecisionCode); // the tick's decision is the newer one
    }

    /// <summary>Reports the stop as the miner does (one-way) and waits until the site has numbered it.</summary>
    private static async Task ReportAsync(SiteDriver driver, DecisionRecord stop, DateTimeOffset lockoutStartedAt)
    {
        var before = (await driver.Site.GetStatusAsync()).LastSequence;
        await driver.Site.ReportSafetyStopAsync(stop, lockoutStartedAt);
        await Eventually.TrueAsync(async () => (await driver.Site.GetStatusAsync()).LastSequence > before);
    }

    private static DecisionRecord Stop(string siteId, DateTimeOffset at)
    {
        var block = BlockClock.IndexOf(at);
        return new DecisionRecord(siteId, $"{siteId}-miner", 0, BlockClock.IdOf(block), "STOP_R3_OVERTEMP", "STOP", null, "SAFETY_ASYNC",
            "chip too hot", ImmutableDictionary<string, double?>.Empty, [], [], null, null, at, BlockClock.ValidUntil(block));
    }
}
