using BitGridAI.Domain.Decisions;
using BitGridAI.Domain.Signals;
using BitGridAI.Grains.Abstractions.Messages;
using BitGridAI.Grains.Abstractions.Site;

namespace BitGridAI.Grains.Tests;

/// <summary>
/// docs/fleet.md through the grains: a site with two miners (500 / 1,674 / 2,000 W each, priorities 1 and 2) shares
/// its surplus highest priority first; each miner gets its own decision, and its command carries the step.
/// </summary>
[Collection(ClusterDefinition.Name)]
public sealed class FleetAllocationTests(ClusterFixture fixture)
{
    [Fact]
    public async Task TheSecondMinerGetsWhatTheFirstLeaves()
    {
        var site = TestSites.TwoMinerSite;
        var driver = new SiteDriver(fixture.Grains, site);
        // 1.9 kW PV, 0.5 kW house: 1.4 kW surplus. The first miner's largest step that fits (with the 50 W band of a
        // raise) is its 500 W eco step; 900 W is left, and the second takes its eco step too.
        var decisions = await TickAsync(driver, site, new BlockReadings(PvW: 1900, HouseW: 500, ImportW: 0, ExportW: 1400, SocPct: 85, BatteryW: 0, MinerTempC: 50, MinerW: 0));

        Assert.Equal("THROTTLE_R1_FLEET_SHARE", decisions[$"{site}-miner"].DecisionCode);
        Assert.Equal(500, decisions[$"{site}-miner"].TargetW);
        Assert.Equal(1400, ParamOf(decisions[$"{site}-miner"], "share_left_w"));
        Assert.Equal("THROTTLE_R1_FLEET_SHARE", decisions[$"{site}-second"].DecisionCode);
        Assert.Equal(900, ParamOf(decisions[$"{site}-second"], "share_left_w"));
        Assert.Equal(500, decisions[$"{site}-second"].TargetW);
    }

    [Fact]
    public async Task EachMinerIsToldItsOwnStep()
    {
        var site = TestSites.ThirdTwoMinerSite;
        var driver = new SiteDriver(fixture.Grains, site);
        // 3.8 kW surplus: the first at its 2,000 W super step, the second at the 1,674 W standard step that fits in the 1,800 W left.
        var decisions = await TickAsync(driver, site, new BlockReadings(PvW: 4300, HouseW: 500, ImportW: 0, ExportW: 3800, SocPct: 85, BatteryW: 0, MinerTempC: 50, MinerW: 0));

        Assert.Equal(("START_R1_FLEET_SHARE", "super", 2000.0), (decisions[$"{site}-miner"].DecisionCode, decisions[$"{site}-miner"].Mode, decisions[$"{site}-miner"].TargetW!.Value));
        Assert.Equal(("START_R1_FLEET_SHARE", "standard", 1674.0), (decisions[$"{site}-second"].DecisionCode, decisions[$"{site}-second"].Mode, decisions[$"{site}-second"].TargetW!.Value));
        // The block's record carries its energy path: at the default prices (feed-in 8 ct/kWh, hashprice 50 sats per
        // TH/s and day) the 3,674 W of the block (0.612 kWh) would have earned 4.9 ct exported.
        var record = await fixture.Grains.GetGrain<ISchedulerBlockGrain>($"{site}/{decisions[$"{site}-miner"].BlockId}").GetRecordAsync();
        var path = Assert.IsType<EnergyPathRecord>(record!.EnergyPath);
        Assert.Equal(("self_consumption_first", "mine"), (path.Policy, path.Path));
        Assert.Equal(3674.0 / 6000, path.EnergyKwh, 6);
        Assert.Equal(8 * 3674.0 / 6000, path.ExportCt, 6);
        Assert.NotNull(decisions[$"{site}-miner"].Params.GetValueOrDefault("export_value_ct"));
        await Eventually.TrueAsync(() => Task.FromResult(
            RecordingMinerPort.Sent.Any(s => s.MinerId == $"{site}-miner" && s.Command.Mode == MinerMode.Super)
            && RecordingMinerPort.Sent.Any(s => s.MinerId == $"{site}-second" && s.Command.Mode == MinerMode.Standard)));
    }

    [Fact]
    public async Task UnderMaxValueAHashpriceArrivingOverMqttDecidesWhetherTheMinersMine()
    {
        var site = TestSites.MaxValueSite;
        var driver = new SiteDriver(fixture.Grains, site);
        var readings = new BlockReadings(PvW: 4300, HouseW: 500, ImportW: 0, ExportW: 3800, SocPct: 85, BatteryW: 0, MinerTempC: 50, MinerW: 0);
        // At 2,000 W a miner of 90 TH/s at 1,674 W hashes 107.5 TH/s; one block's energy exports for 2.67 ct (8 ct/kWh).
        // At the 50 sats of the config it would mine 37.3 sats = 3.39 ct (90,909 € per BTC); at 20 sats read over MQTT,
        // 14.9 sats = 1.36 ct: exporting pays more, and the miners stay off.
        var cheap = await TickAsync(driver, site, readings, hashprice: 20);
        Assert.All(cheap.Values, d => Assert.Equal("NOOP_R1_EXPORT_PAYS_MORE", d.DecisionCode));
        Assert.Equal(8 * 2000.0 / 6000, cheap[$"{site}-miner"].Params["export_value_ct"]!.Value, 6);
        Assert.Equal(20 * 2000 * (90 / 1674.0) / 144, cheap[$"{site}-miner"].Params["mining_value_sats"]!.Value, 6);

        var dear = await TickAsync(driver, site, readings, hashprice: 50);
        Assert.Equal(("START_R1_FLEET_SHARE", 2000.0), (dear[$"{site}-miner"].DecisionCode, dear[$"{site}-miner"].TargetW!.Value));
    }

    private static async Task<Dictionary<string, DecisionRecord>> TickAsync(SiteDriver driver, string site, BlockReadings readings, double? hashprice = null)
    {
        var boundary = SiteDriver.NextBoundary();
        await driver.PushAsync(readings, boundary);
        if (hashprice is { } price)
        {
            await driver.Device($"{site}-meter").ReportManyAsync([new TelemetrySample(Signal.HashpriceSatsPerThDay, price, boundary - TimeSpan.FromSeconds(10))]);
        }
        await driver.Device($"{site}-second").ReportManyAsync(
            [new TelemetrySample(Signal.MinerTempC, 48, boundary - TimeSpan.FromSeconds(10)), new TelemetrySample(Signal.MinerPowerW, 0, boundary - TimeSpan.FromSeconds(10))]);
        SiteDriver.MoveTo(boundary);
        return (await driver.Site.TickAsync()).Decisions.ToDictionary(d => d.MinerId);
    }

    private static double? ParamOf(DecisionRecord decision, string name) => decision.Params.GetValueOrDefault(name);
}
