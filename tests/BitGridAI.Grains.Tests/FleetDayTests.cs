using System.Collections.Immutable;
using BitGridAI.Domain.Physics;
using BitGridAI.Domain.Signals;
using BitGridAI.Grains.Abstractions.Messages;

namespace BitGridAI.Grains.Tests;

/// <summary>
/// A simulated summer day through the grains (docs/fleet.md): PV and house load from the site physics, a 10 kWh
/// battery, and three miners — an Avalon (800 / 1,674 / 2,000 W, priority 1), a LuxOS machine (2,200 / 3,250 / 3,600 W,
/// priority 2) and a Bitaxe (10 / 15 / 20 W, priority 3) — drawing in each block what their last decision gave them.
/// </summary>
[Collection(ClusterDefinition.Name)]
public sealed class FleetDayTests(ClusterFixture fixture)
{
    private static readonly string[] Miners = ["avalon", "luxos", "bitaxe"];
    private static readonly HomeBattery Battery = new(10_000, 5000, 5000, 0.95, 10);

    [Fact]
    public async Task ThreeMinersShareADayOfSunByPriorityWithoutEverPlanningMoreThanTheSurplus()
    {
        var site = TestSites.FleetDaySite;
        var driver = new SiteDriver(fixture.Grains, site);
        var draws = Miners.ToDictionary(m => m, _ => 0.0);
        var soc = 60.0;
        var blocks = new List<ImmutableArray<DecisionRecord>>();
        var start = SiteDriver.NextBoundary();
        var season = SitePhysics.Season(171);
        for (var i = 0; i < 144; i++)
        {
            var boundary = SiteDriver.NextBoundary();
            // Solar time of the block's middle, counted from the first boundary as midnight.
            var hour = ((boundary - start).TotalHours + 24 - (5.0 / 60)) % 24;
            var pv = SitePhysics.ClearSkyPvW(10_000, season, hour) * (i % 7 == 3 ? 0.5 : 1); // a cloud now and then
            var house = SitePhysics.HouseLoadW(350, 400, season, hour);
            var flow = Battery.Step(soc, pv - house - draws.Values.Sum(), 1.0 / 6);
            soc = flow.SocPct;
            SiteDriver.MoveTo(boundary - TimeSpan.FromSeconds(5));
            var readings = new BlockReadings(pv, house, flow.ImportW, flow.ExportW, soc, flow.BatteryW, MinerTempC: 55, MinerW: 0);
            foreach (var (device, samples) in readings.Samples(site, boundary).Where(d => !d.Device.EndsWith("-miner", StringComparison.Ordinal)))
            {
                await driver.Device(device).ReportManyAsync(samples);
            }
            foreach (var miner in Miners)
            {
                await driver.Device($"{site}-{miner}").ReportManyAsync(
                [
                    new TelemetrySample(Signal.MinerTempC, 55, boundary - TimeSpan.FromSeconds(10)),
                    new TelemetrySample(Signal.MinerPowerW, draws[miner], boundary - TimeSpan.FromSeconds(10)),
                ]);
            }
            SiteDriver.MoveTo(boundary);
            var decisions = (await driver.Site.TickAsync()).Decisions;
            blocks.Add(decisions);
            foreach (var decision in decisions)
            {
                draws[decision.MinerId[(site.Length + 1)..]] = decision.TargetW ?? 0;
            }
        }

        // Every block decides each miner once, and each decision says what the miner draws next.
        Assert.All(blocks, b => Assert.Equal(Miners.Select(m => $"{site}-{m}").Order(), b.Select(d => d.MinerId).Order()));
        Assert.All(blocks.SelectMany(b => b), d => Assert.NotNull(d.TargetW));
        // What the shares raise or keep never exceeds the surplus left by the miners the rules keep where they are.
        foreach (var block in blocks)
        {
            var shared = block.Where(d => d.DecisionCode is "START_R1_FLEET_SHARE" or "THROTTLE_R1_FLEET_SHARE").Sum(d => d.TargetW!.Value);
            var kept = block.Where(d => d.DecisionCode is not ("START_R1_FLEET_SHARE" or "THROTTLE_R1_FLEET_SHARE")).Sum(d => d.TargetW!.Value);
            var surplus = Surplus(block);
            Assert.True(shared <= Math.Max(0, surplus - kept) + 1e-6, $"block {block.First().BlockId}: shared {shared} W of a {surplus} W surplus with {kept} W kept");
        }
        // By priority: the Avalon runs whenever the LuxOS does (it is never locked out here), and at the sunniest block
        // it runs at its super step.
        Assert.All(blocks, b => Assert.True(Draw(b, "luxos") == 0 || Draw(b, "avalon") > 0, b.First().BlockId));
        var noon = blocks.MaxBy(Surplus)!;
        Assert.Equal(2000, Draw(noon, "avalon"));
        Assert.True(Draw(noon, "luxos") > 0, "the LuxOS machine runs at the sunniest block");
        // At night nobody mines; over the day all three did, and the Bitaxe picked up what the large ones left.
        Assert.All(blocks.Take(12), b => Assert.Equal(0, b.Sum(d => d.TargetW!.Value)));
        Assert.All(Miners, m => Assert.Contains(blocks, b => Draw(b, m) > 0));
        Assert.Contains(blocks, b => Draw(b, "bitaxe") > 0 && Draw(b, "luxos") == 0);
        // The Avalon was told its steps as the surplus moved: super, and standard or eco in the shoulders.
        var avalonModes = RecordingMinerPort.Sent.Where(s => s.MinerId == $"{site}-avalon").Select(s => s.Command.Mode).Distinct().ToArray();
        Assert.Contains(BitGridAI.Domain.Decisions.MinerMode.Super, avalonModes);
        Assert.True(avalonModes.Length >= 3, $"the Avalon was told {string.Join(", ", avalonModes)}");

        // The site's surplus for the miners, as the decisions that carry a share report it.
        static double Surplus(ImmutableArray<DecisionRecord> block) =>
            block.Select(d => d.Params.GetValueOrDefault("fleet_surplus_w")).FirstOrDefault(v => v is not null) ?? 0;

        double Draw(ImmutableArray<DecisionRecord> block, string miner) => block.Single(d => d.MinerId == $"{site}-{miner}").TargetW!.Value;
    }
}
