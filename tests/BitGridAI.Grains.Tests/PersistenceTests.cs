using BitGridAI.Grains.Abstractions.Devices;
using BitGridAI.Grains.Abstractions.Site;

namespace BitGridAI.Grains.Tests;

[Collection(ClusterDefinition.Name)]
public sealed class PersistenceTests(ClusterFixture fixture)
{
    [Fact]
    public async Task ActuatorAutonomyOverrideAndLockoutSurviveASiloRestart()
    {
        var driver = new SiteDriver(fixture.Grains, "site-6");
        await driver.RunBlockAsync(new BlockReadings(5200, 500, 0, 1000, 80, -1500, 50, 0));
        await driver.RunBlockAsync(new BlockReadings(5200, 500, 0, 1000, 80, -1500, 92, 1670));
        await driver.Site.SetAutonomyAsync("SEMI", "test");
        await fixture.Grains.GetGrain<IOverrideGrain>("site-6").SetAsync("STOP", 60, "tester");
        // The miner reports its stop one-way (it may reach the site after the tick) and hands a command's outcome
        // back as a call of its own: what a person sees before the restart is the site with the stop recorded and
        // both commands (the START, the STOP) counted.
        var recorder = fixture.Grains.GetGrain<IRecorderGrain>("site-6");
        await Eventually.TrueAsync(async () => (await recorder.GetRecentAsync(10)).Any(d => d is { DecisionCode: "STOP_R3_OVERTEMP", Trigger: "SAFETY_ASYNC" }));
        var minerGrain = fixture.Grains.GetGrain<IMinerGrain>("site-6-miner");
        await Eventually.TrueAsync(async () => (await minerGrain.GetMinerStateAsync()).CommandsSent == 2);
        var before = await driver.Site.GetStatusAsync();
        var commandsBefore = await minerGrain.GetMinerStateAsync();

        await fixture.RestartAsync();
        driver = new SiteDriver(fixture.Grains, "site-6");

        var after = await driver.Site.GetStatusAsync();
        Assert.Equal("SEMI", after.Autonomy);
        Assert.Equal(before.LastDecidedBlockId, after.LastDecidedBlockId);
        Assert.Equal(before.LastSequence, after.LastSequence);
        var miner = Assert.Single(after.Miners);
        Assert.Equal("STOP", miner.Actuator);
        Assert.True(miner.LockoutActive);
        Assert.Equal("STOP_R3_OVERTEMP", miner.LastDecisionCode);
        Assert.Equal("STOP", (await fixture.Grains.GetGrain<IOverrideGrain>("site-6").GetActiveAsync())?.Action);
        var commandsAfter = await fixture.Grains.GetGrain<IMinerGrain>("site-6-miner").GetMinerStateAsync();
        Assert.Equal(commandsBefore, commandsAfter);

        // It carries on from where it stopped: the lockout still holds, blocks since the stop count on. The
        // stop came from the safety path as the hot sample arrived, in the block before the tick: two blocks ago.
        var next = await driver.RunBlockAsync(new BlockReadings(5200, 500, 0, 1000, 80, -1500, 60, 0));
        Assert.Equal("STOP_R3_LOCKOUT_ACTIVE", Assert.Single(next.Decisions).DecisionCode);
        Assert.Equal(2, (await driver.Site.GetStatusAsync()).Miners.Single().BlocksSinceChange);
    }

    [Fact]
    public async Task ACommandTheMinerTookAfterItsLastWriteIsStillCountedAfterARestart()
    {
        var driver = new SiteDriver(fixture.Grains, "site-33");
        Assert.Equal("START", Assert.Single((await driver.RunBlockAsync(new BlockReadings(5200, 500, 0, 1000, 80, -1500, 50, 0))).Decisions).Action);
        // The START's success comes back after the decision was written, and is counted without a write of its own.
        await Eventually.TrueAsync(async () => (await fixture.Grains.GetGrain<IMinerGrain>("site-33-miner").GetMinerStateAsync()).CommandsSent == 1);

        await fixture.RestartAsync();

        // A restart deactivates the miner, which writes what it counted: the count a person saw is not lost.
        Assert.Equal(1, (await fixture.Grains.GetGrain<IMinerGrain>("site-33-miner").GetMinerStateAsync()).CommandsSent);
    }
}
