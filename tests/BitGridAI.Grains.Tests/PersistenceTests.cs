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
        await driver.Site.SetAutonomyAsync("SEMI");
        await fixture.Grains.GetGrain<IOverrideGrain>("site-6").SetAsync("STOP", 60, "tester");
        var before = await driver.Site.GetStatusAsync();
        var commandsBefore = await fixture.Grains.GetGrain<IMinerGrain>("site-6-miner").GetMinerStateAsync();

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
}
