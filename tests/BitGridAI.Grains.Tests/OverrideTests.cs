using BitGridAI.Grains.Abstractions.Site;

namespace BitGridAI.Grains.Tests;

[Collection(ClusterDefinition.Name)]
public sealed class OverrideTests(ClusterFixture fixture)
{
    private static readonly BlockReadings Dull = new(300, 500, 0, 0, 80, 200, 40, 0);

    [Fact]
    public async Task AnOverrideDecidesUntilItExpiresThenTheRulesDecideAgain()
    {
        var driver = new SiteDriver(fixture.Grains, "site-7");
        var overrides = fixture.Grains.GetGrain<IOverrideGrain>("site-7");
        await driver.RunBlockAsync(Dull);

        var set = await overrides.SetAsync("START", 15, "alice");
        var during = await driver.RunBlockAsync(Dull);
        var after = await driver.RunBlockAsync(Dull);

        Assert.True(set.Accepted);
        Assert.Equal("START_OVR_MANUAL_OVERRIDE", Assert.Single(during.Decisions).DecisionCode);
        Assert.Equal("OVERRIDE", during.Decisions.Single().Trigger);
        Assert.Null(await overrides.GetActiveAsync());
        // The override started the miner one block ago: the rules would stop it (no surplus), R5 holds it one more block.
        var ruled = Assert.Single(after.Decisions);
        Assert.Equal("NOOP_R5_MIN_RUNTIME_NOT_REACHED", ruled.DecisionCode);
        Assert.Equal("STOP_R1_SURPLUS_LOST", ruled.HeldBackProposal);
    }

    [Fact]
    public async Task ARefusedOverrideSaysWhyAndIsAuditedLikeAnAcceptedOne()
    {
        var overrides = fixture.Grains.GetGrain<IOverrideGrain>("site-8");

        var tooLong = await overrides.SetAsync("START", 600, "bob");
        var unknown = await overrides.SetAsync("FASTER", 10, "bob");
        var ok = await overrides.SetAsync("throttle", 10, "bob");
        await overrides.ClearAsync("bob");

        Assert.False(tooLong.Accepted);
        Assert.Contains("max_override_min", tooLong.Error);
        Assert.False(unknown.Accepted);
        Assert.Contains("action", unknown.Error);
        Assert.True(ok.Accepted);
        Assert.Null(await overrides.GetActiveAsync());
        var audit = await overrides.GetAuditAsync();
        Assert.Equal([false, false, true, true], audit.Select(a => a.Accepted));
        Assert.All(audit, a => Assert.Equal("bob", a.RequestedBy));
    }
}
