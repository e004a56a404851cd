using BitGridAI.Domain.Signals;
using BitGridAI.Grains.Abstractions.Devices;
using BitGridAI.Grains.Abstractions.Messages;
using BitGridAI.Grains.Abstractions.Site;

namespace BitGridAI.Grains.Tests;

/// <summary>Overrides for one miner, refusals during a lockout, and previews that change nothing.</summary>
[Collection(ClusterDefinition.Name)]
public sealed class OverrideScopeTests(ClusterFixture fixture)
{
    private static readonly BlockReadings Sunny = new(PvW: 4000, HouseW: 500, ImportW: 0, ExportW: 3500, SocPct: 85, BatteryW: 0, MinerTempC: 50, MinerW: 0);

    [Fact]
    public async Task AMinersOwnOverrideComesBeforeTheSiteWideOne()
    {
        var site = TestSites.SecondTwoMinerSite;
        var overrides = fixture.Grains.GetGrain<IOverrideGrain>(site);
        Assert.True((await overrides.SetAsync("THROTTLE", 30, "alice")).Accepted);
        var own = await overrides.SetAsync("STOP", 30, "alice", $"{site}-second", "defrosting the heat exchanger");

        var decisions = (await RunAsync(site)).Decisions.ToDictionary(d => d.MinerId);

        Assert.True(own.Accepted);
        Assert.Equal("defrosting the heat exchanger", own.Active!.Reason);
        Assert.Equal("THROTTLE_OVR_MANUAL_OVERRIDE", decisions[$"{site}-miner"].DecisionCode);
        Assert.Equal("STOP_OVR_MANUAL_OVERRIDE", decisions[$"{site}-second"].DecisionCode);
        Assert.Equal(2, (await overrides.GetAllActiveAsync()).Length);
        await overrides.ClearAsync("alice", $"{site}-second");
        Assert.Equal([null], (await overrides.GetAllActiveAsync()).Select(o => o.MinerId));
        var refused = await overrides.SetAsync("START", 10, "alice", "no-such-miner");
        Assert.False(refused.Accepted);
        Assert.Equal(OverrideResult.Invalid, refused.Refusal);
        Assert.Contains("no-such-miner", refused.Error);
    }

    [Fact]
    public async Task RunningOverridesAreRefusedWhileALockoutHoldsButAStopIsTaken()
    {
        const string site = "site-45";
        await RunAsync(site);
        var miner = fixture.Grains.GetGrain<IMinerGrain>($"{site}-miner");
        await miner.EmergencyStopAsync("tester");
        var overrides = fixture.Grains.GetGrain<IOverrideGrain>(site);

        var start = await overrides.SetAsync("START", 10, "alice");
        var throttle = await overrides.SetAsync("THROTTLE", 10, "alice", $"{site}-miner");
        var stop = await overrides.SetAsync("STOP", 10, "alice");

        Assert.False(start.Accepted);
        Assert.Equal(OverrideResult.Lockout, start.Refusal);
        Assert.Contains($"{site}-miner", start.Error);
        Assert.Equal(OverrideResult.Lockout, throttle.Refusal);
        Assert.True(stop.Accepted);
        Assert.Equal([false, false, true], (await overrides.GetAuditAsync()).Select(a => a.Accepted));
        await miner.AcknowledgeEmergencyStopAsync("tester");
    }

    [Fact]
    public async Task APreviewDecidesWithTheAskedThresholdsAndStoresNothing()
    {
        const string site = "site-46";
        var before = await RunAsync(site);
        var status = await fixture.Grains.GetGrain<ISiteGrain>(site).GetStatusAsync();

        var strict = await fixture.Grains.GetGrain<ISiteGrain>(site).PreviewAsync(new PreviewRequest(
            [new("surplus_min_kw", 50.0), new("surplus_throttle_min_kw", 40.0), new("surplus_stop_kw", 30.0)], null, []));
        var forced = await fixture.Grains.GetGrain<ISiteGrain>(site).PreviewAsync(new PreviewRequest(
            [], null, [new ActiveOverride("STOP", SiteDriver.NextBoundary(), "preview")]));

        Assert.StartsWith("START_", Assert.Single(before.Decisions).DecisionCode, StringComparison.Ordinal);
        // 3.5 kW surplus is lost under a 30 kW stop threshold: the engine would stop (R5 may hold it, naming the stop).
        var decided = Assert.Single(strict);
        Assert.Equal("STOP_R1_SURPLUS_LOST", decided.HeldBackProposal ?? decided.DecisionCode);
        Assert.Equal("STOP_OVR_MANUAL_OVERRIDE", Assert.Single(forced).DecisionCode);
        Assert.All(strict.Concat(forced), d => Assert.Equal(0, d.Sequence));
        var after = await fixture.Grains.GetGrain<ISiteGrain>(site).GetStatusAsync();
        Assert.Equal(status.LastSequence, after.LastSequence);
        Assert.Equal<MinerTrackStatus>(status.Miners, after.Miners);
        Assert.Empty(await fixture.Grains.GetGrain<IOverrideGrain>(site).GetAllActiveAsync());
        Assert.Equal("START", (await fixture.Grains.GetGrain<IMinerGrain>($"{site}-miner").GetMinerStateAsync()).CommandedAction);
    }

    /// <summary>A sunny block on every miner of the site (the second one of a two-miner site reports too).</summary>
    private async Task<TickOutcome> RunAsync(string site)
    {
        var driver = new SiteDriver(fixture.Grains, site);
        var boundary = SiteDriver.NextBoundary();
        await driver.PushAsync(Sunny, boundary);
        if (site.StartsWith("fleet", StringComparison.Ordinal))
        {
            await driver.Device($"{site}-second").ReportManyAsync(
                [new TelemetrySample(Signal.MinerTempC, 48, boundary - TimeSpan.FromSeconds(10)), new TelemetrySample(Signal.MinerPowerW, 0, boundary - TimeSpan.FromSeconds(10))]);
        }
        SiteDriver.MoveTo(boundary);
        return await driver.Site.TickAsync();
    }
}
