using System.Collections.Immutable;
using BitGridAI.Domain.Decisions;
using BitGridAI.Domain.Signals;
using BitGridAI.Grains.Abstractions.Devices;
using BitGridAI.Grains.Abstractions.Messages;
using BitGridAI.Grains.Abstractions.Site;

namespace BitGridAI.Grains.Tests;

[Collection(SafetyClusterDefinition.Name)]
public sealed class SafetyTests(SafetyClusterFixture fixture)
{
    private static readonly BlockReadings Sunny = new(5200, 500, 0, 1000, 80, -1500, 55, 1670);

    private SiteDriver Driver(string site) => new(fixture.Grains, site, TestSiloConfigurator.SafetyClock, keepTalking: true);

    private IMinerGrain Miner(string site) => fixture.Grains.GetGrain<IMinerGrain>($"{site}-miner");

    private static DateTimeOffset Now => TestSiloConfigurator.SafetyClock.GetUtcNow();

    /// <summary>Starts the miner and keeps it talking, so only what a test does next can stop it.</summary>
    private async Task<SiteDriver> RunningAsync(string site) => (await StartedAsync(site)).Driver;

    private async Task<(SiteDriver Driver, DecisionRecord Start)> StartedAsync(string site)
    {
        var driver = Driver(site);
        var start = (await driver.RunBlockAsync(Sunny)).Decisions.Single();
        Assert.Equal("START_R1_SURPLUS_OK", start.DecisionCode);
        await Miner(site).ReportAsync(new TelemetrySample(Signal.MinerTempC, 55, Now));
        return (driver, start);
    }

    /// <summary>Moves site time on while the miner keeps reporting, so contact is never lost.</summary>
    private async Task AdvanceTalkingAsync(string site, int seconds)
    {
        for (var left = seconds; left > 0; left -= 30)
        {
            TestSiloConfigurator.SafetyClock.Advance(TimeSpan.FromSeconds(Math.Min(30, left)));
            await Miner(site).ReportAsync(new TelemetrySample(Signal.MinerTempC, 60, Now));
        }
    }

    [Fact]
    public async Task AnOverTemperatureMidBlockStopsTheMinerAtOnceNotAtTheNextTick()
    {
        await RunningAsync("site-11");
        await AdvanceTalkingAsync("site-11", 180);

        await Miner("site-11").ReportAsync(new TelemetrySample(Signal.MinerTempC, 91, Now));

        // No tick has run: the STOP is on the wire when the sample's call returns.
        Assert.Equal(ActuatorState.Stop, RecordingMinerPort.For("site-11-miner")[^1].Action);
        var state = await Miner("site-11").GetMinerStateAsync();
        Assert.Equal("STOP_R3_OVERTEMP", state.LastSafetyCode);
        Assert.True(state.LockoutActive);
        var recorder = fixture.Grains.GetGrain<IRecorderGrain>("site-11");
        await Eventually.TrueAsync(async () => (await recorder.GetRecentAsync(10)).Any(d => d is { DecisionCode: "STOP_R3_OVERTEMP", Trigger: "SAFETY_ASYNC" }));
        Assert.Equal("STOP", (await Driver("site-11").Site.GetStatusAsync()).Miners.Single().Actuator);
    }

    [Fact]
    public async Task ALostConnectionIsActedOnWithinTheTimeoutPlusOneSecond()
    {
        await RunningAsync("site-12");

        TestSiloConfigurator.SafetyClock.Advance(TimeSpan.FromSeconds(60));
        await Task.Delay(100); // the watchdog runs every 20 ms real time; at 60 s the contact is not yet lost
        Assert.Null((await Miner("site-12").GetMinerStateAsync()).LastSafetyCode);

        // Past 60 s both the temperature and the contact are stale; the temperature check comes first in R3.
        TestSiloConfigurator.SafetyClock.Advance(TimeSpan.FromSeconds(1));
        await Eventually.TrueAsync(async () => (await Miner("site-12").GetMinerStateAsync()).LastSafetyCode is "STOP_R3_TEMP_UNKNOWN" or "STOP_R3_COMM_TIMEOUT");
        Assert.Equal(ActuatorState.Stop, RecordingMinerPort.For("site-12-miner")[^1].Action);
    }

    [Fact]
    public async Task AMinerThatDoesNotAnswerASafetyStopLosesItsPowerThroughItsRelay()
    {
        await RunningAsync("site-13");
        RecordingMinerPort.Deaf["site-13-miner"] = true;

        await Miner("site-13").ReportAsync(new TelemetrySample(Signal.MinerTempC, 96, Now));

        // The failed STOP and the relay's confirmation come back from outside the grain's turn.
        await Eventually.TrueAsync(async () => (await Miner("site-13").GetMinerStateAsync()).RelayOpen);
        Assert.Contains(("site-13-plug", false), RecordingRelayPort.Switched);
        var state = await Miner("site-13").GetMinerStateAsync();
        Assert.True(state.RelayOpen);
        Assert.Equal("STOP", state.ConfirmedAction);
    }

    [Fact]
    public async Task ACommandTheMinerNeverConfirmsIsRetriedWithDoublingWaitsThenReportedAsAFault()
    {
        var driver = Driver("site-14");
        RecordingMinerPort.Stubborn["site-14-miner"] = true;
        await driver.RunBlockAsync(Sunny);                      // START, confirmed: the stubborn miner mines
        await driver.RunBlockAsync(Sunny with { PvW = 100 });   // R5 holds the stop
        await driver.RunBlockAsync(Sunny with { PvW = 100 });
        var stop = await driver.RunBlockAsync(Sunny with { PvW = 100 });
        Assert.Equal("STOP_R1_SURPLUS_LOST", stop.Decisions.Single().DecisionCode);
        var sentBefore = RecordingMinerPort.For("site-14-miner").Count(c => c.Action == ActuatorState.Stop);

        // 20 s, then 40 s, then 80 s of site time without the miner reporting "stopped".
        foreach (var wait in new[] { 21, 41, 81 })
        {
            await AdvanceTalkingAsync("site-14", wait);
            var expected = sentBefore + 1;
            await Eventually.TrueAsync(() => Task.FromResult(RecordingMinerPort.For("site-14-miner").Count(c => c.Action == ActuatorState.Stop) >= expected));
            sentBefore = expected;
        }
        await AdvanceTalkingAsync("site-14", 161);
        await Eventually.TrueAsync(async () => (await Miner("site-14").GetMinerStateAsync()).Fault is not null);

        var stops = RecordingMinerPort.For("site-14-miner").Where(c => c.Action == ActuatorState.Stop).ToList();
        Assert.Equal(4, stops.Count);
        Assert.Single(stops.Select(c => c.CommandId).Distinct()); // a retry is the same command
        var next = await driver.RunBlockAsync(Sunny with { PvW = 100 });
        Assert.Contains("not confirmed", next.Decisions.Single().ActuatorFault);
    }

    [Fact]
    public async Task AStartIsNeverSentToAMinerWithoutFreshTemperatureAndContact()
    {
        var start = new DecisionRecord("site-15", "site-15-miner", 1, "2026-06-21T10:00:00Z", "START_OVR_MANUAL_OVERRIDE", "START", "standard",
            "OVERRIDE", "", ImmutableDictionary<string, double?>.Empty, [], [], null, null, Now, Now + TimeSpan.FromMinutes(20));

        await Miner("site-15").ApplyAsync(start);

        // Nothing that runs the miner went out (its watchdog may meanwhile have stopped it: R3, temperature unknown).
        Assert.DoesNotContain(RecordingMinerPort.For("site-15-miner"), c => c.Action != ActuatorState.Stop);
        Assert.Contains("no fresh temperature", (await Miner("site-15").GetMinerStateAsync()).RefusedStart);
    }

    [Fact]
    public async Task AnEmergencyStopHoldsUntilAcknowledgedAndTheLockoutThenRunsItsCourse()
    {
        var driver = await RunningAsync("site-16");

        await Miner("site-16").EmergencyStopAsync("alice");
        Assert.Equal(ActuatorState.Stop, RecordingMinerPort.For("site-16-miner")[^1].Action);
        Assert.Equal("STOP_R3_EMERGENCY_STOP", (await driver.RunBlockAsync(Sunny)).Decisions.Single().DecisionCode);
        Assert.Equal("STOP_R3_EMERGENCY_STOP", (await driver.RunBlockAsync(Sunny)).Decisions.Single().DecisionCode);

        await Miner("site-16").AcknowledgeEmergencyStopAsync("alice");
        var codes = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            codes.Add((await driver.RunBlockAsync(Sunny)).Decisions.Single().DecisionCode);
        }
        Assert.Equal("STOP_R3_LOCKOUT_ACTIVE", codes[0]);
        Assert.Contains("START_R1_SURPLUS_OK", codes);
    }

    [Fact]
    public async Task WithoutANewDecisionTheMinerStopsItselfWhenTheLastOneExpires()
    {
        var validUntil = (await StartedAsync("site-17")).Start.ValidUntil;

        // The policy grain goes quiet; the miner keeps reporting.
        while (Now < validUntil + TimeSpan.FromSeconds(1))
        {
            TestSiloConfigurator.SafetyClock.Advance(TimeSpan.FromSeconds(30));
            await Miner("site-17").ReportAsync(new TelemetrySample(Signal.MinerTempC, 55, Now));
        }

        await Eventually.TrueAsync(async () => (await Miner("site-17").GetMinerStateAsync()).LastSafetyCode == "STOP_R3_DECISION_EXPIRED");
        Assert.Equal(ActuatorState.Stop, RecordingMinerPort.For("site-17-miner")[^1].Action);
    }
}
