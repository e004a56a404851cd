using BitGridAI.Domain.Config;
using BitGridAI.Domain.Decisions;
using BitGridAI.Domain.Engine;
using BitGridAI.Domain.Telemetry;
using BitGridAI.Domain.Time;

namespace BitGridAI.Grains.Tests;

[Collection(ClusterDefinition.Name)]
public sealed class GrainPathTests(ClusterFixture fixture)
{
    /// <summary>A morning to evening: idle, throttle, start, a cloud (R5 holds), low battery, a hot chip and its lockout, a grid peak.</summary>
    internal static readonly BlockReadings[] Day =
    [
        new(200, 400, 0, 0, 70, 200, 30, 0),
        new(900, 400, 0, 0, 70, -100, 30, 0),
        new(1500, 400, 0, 0, 72, -900, 31, 0),
        new(3000, 400, 0, 0, 74, -2000, 35, 0),
        new(4200, 450, 0, 300, 78, -1500, 60, 1650),
        new(4400, 450, 0, 400, 80, -1500, 66, 1660),
        new(300, 450, 0, 0, 80, 1500, 68, 1650),
        new(250, 450, 0, 0, 79, 1600, 70, 1650),
        new(300, 450, 0, 0, 77, 1600, 70, 1650),
        new(280, 450, 0, 0, 75, 1600, 62, 1640),
        new(5200, 500, 0, 1000, 76, -1500, 45, 0),
        new(5400, 500, 0, 1200, 78, -1500, 40, 0),
        new(5600, 500, 0, 1100, 80, -1500, 58, 1670),
        new(5600, 500, 0, 900, 82, -1500, 91, 1680),
        new(5600, 500, 0, 2500, 84, -1500, 80, 0),
        new(5600, 500, 0, 2600, 86, -1500, 70, 0),
        new(5600, 500, 0, 2600, 88, -1500, 50, 0),
        new(5600, 500, 0, 2600, 90, -1500, 40, 0),
        new(5700, 500, 0, 1000, 90, -1500, 60, 1670),
        new(2000, 3500, 1800, 0, 70, 1500, 66, 1670),
        new(500, 800, 0, 0, 56, 1000, 40, 0),
        new(0, 600, 0, 0, 40, 600, 30, 0),
    ];

    [Fact]
    public async Task ADayThroughTheGrainsDecidesExactlyAsThePureEngineOnTheSameAggregatedTelemetry()
    {
        var driver = new SiteDriver(fixture.Grains, "site-1");
        var track = ActuatorTrack.Initial;
        var context = new DecisionContext { Autonomy = Autonomy.Full, Strategy = Strategy.Surplus, Trigger = Trigger.BlockTick };
        var produced = new List<string>();
        foreach (var readings in Day)
        {
            var boundary = SiteDriver.NextBoundary();
            var expectedState = SiteDriver.Expected(driver.SiteId, readings, boundary).ToEnergyState(boundary, TelemetryFreshness.Default);
            var block = BlockClock.IndexOf(boundary);
            var expected = DecisionEngine.Decide(expectedState, track.Context(context, boundary, block), EngineConfig.Default);
            track = track.After(expected);

            await driver.PushAsync(readings, boundary);
            SiteDriver.MoveTo(boundary);
            var outcome = await driver.Site.TickAsync();

            var decision = Assert.Single(outcome.Decisions);
            Assert.Equal(BlockClock.IdOf(block), outcome.DecidedBlockId);
            Assert.Equal(expected.Code.ToString(), decision.DecisionCode);
            produced.Add(decision.DecisionCode);
        }

        // The day is only a fair comparison if it exercised the rules, not one code all day.
        Assert.Contains("START_R1_SURPLUS_OK", produced);
        Assert.Contains("THROTTLE_R1_SURPLUS_THROTTLE", produced);
        Assert.Contains("NOOP_R5_MIN_RUNTIME_NOT_REACHED", produced);
        Assert.Contains("STOP_R3_OVERTEMP", produced);
        Assert.Contains("STOP_R3_LOCKOUT_ACTIVE", produced);
        Assert.Contains("STOP_R2_GRID_IMPORT_EXCEEDED", produced);
        Assert.Contains("STOP_R2_SOC_HARD_MIN", produced);
    }
}
