using BitGridAI.Domain.Signals;
using BitGridAI.Grains.Abstractions.Messages;

namespace BitGridAI.Grains.Tests;

/// <summary>RULES.md §6: miners are decided in priority order; each takes of the surplus what the ones before it will draw in their decided mode.</summary>
[Collection(ClusterDefinition.Name)]
public sealed class ReservationTests(ClusterFixture fixture)
{
    [Fact]
    public async Task ASecondMinerGetsWhatTheFirstLeavesAtTheDrawOfItsDecidedMode()
    {
        var site = TestSites.TwoMinerSite;
        var driver = new SiteDriver(fixture.Grains, site);
        // 1.9 kW PV, 0.5 kW house: 1.4 kW surplus. The first miner throttles (0.8 ≤ 1.4 < 1.5) and reserves its eco
        // draw of 500 W, so the second still sees 0.9 kW and throttles too. Reserving the standard 1,674 W
        // would have left it nothing.
        var readings = new BlockReadings(PvW: 1900, HouseW: 500, ImportW: 0, ExportW: 1400, SocPct: 85, BatteryW: 0, MinerTempC: 50, MinerW: 0);
        var boundary = SiteDriver.NextBoundary();
        await driver.PushAsync(readings, boundary);
        await driver.Device($"{site}-second").ReportManyAsync(
            [new TelemetrySample(Signal.MinerTempC, 48, boundary - TimeSpan.FromSeconds(10)), new TelemetrySample(Signal.MinerPowerW, 0, boundary - TimeSpan.FromSeconds(10))]);
        SiteDriver.MoveTo(boundary);

        var decisions = (await driver.Site.TickAsync()).Decisions.ToDictionary(d => d.MinerId);

        Assert.Equal("THROTTLE_R1_SURPLUS_THROTTLE", decisions[$"{site}-miner"].DecisionCode);
        Assert.Equal("THROTTLE_R1_SURPLUS_THROTTLE", decisions[$"{site}-second"].DecisionCode);
        Assert.Equal(500, ParamOf(decisions[$"{site}-second"], "reserved_w"));
    }

    private static double? ParamOf(DecisionRecord decision, string name) => decision.Params.GetValueOrDefault(name);
}
