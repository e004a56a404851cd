using System.Collections.Immutable;
using BitGridAI.Domain.Decisions;
using BitGridAI.Domain.Signals;
using BitGridAI.Grains.Abstractions.Devices;
using BitGridAI.Grains.Abstractions.Messages;
using BitGridAI.Grains.Abstractions.Site;
using BitGridAI.Grains.Hosting;

namespace BitGridAI.Grains.Tests;

/// <summary>
/// From the safety review: R3 still acts on a miner already told to STOP, a miner whose relay opened gets its power
/// back only when safety allows, a pushed device with no signals configured pushes none, and a hung plug is retried.
/// </summary>
[Collection(SafetyClusterDefinition.Name)]
public sealed class SafetyReviewTests(SafetyClusterFixture fixture)
{
    private static readonly BlockReadings Sunny = new(5200, 500, 0, 1000, 80, -1500, 55, 1670);

    private static DateTimeOffset Now => TestSiloConfigurator.SafetyClock.GetUtcNow();

    private IMinerGrain Miner(string site) => fixture.Grains.GetGrain<IMinerGrain>($"{site}-miner");

    private static TelemetrySample Temp(double chipC) => new(Signal.MinerTempC, chipC, Now);

    private static int Commands(string site, ActuatorState action) => RecordingMinerPort.For($"{site}-miner").Count(c => c.Action == action);

    private static DecisionRecord Block(string site, long sequence, string code, string action, string? mode) =>
        new(site, $"{site}-miner", sequence, "2026-06-21T10:00:00Z", code, action, mode, "BLOCK_TICK", "", ImmutableDictionary<string, double?>.Empty,
            [], [], null, null, Now, Now + TimeSpan.FromMinutes(20));

    private static DecisionRecord Start(string site, long sequence) => Block(site, sequence, "START_R1_SURPLUS_OK", "START", "standard");

    private async Task RunningAsync(string site)
    {
        var driver = new SiteDriver(fixture.Grains, site, TestSiloConfigurator.SafetyClock, keepTalking: true);
        Assert.Equal("START_R1_SURPLUS_OK", (await driver.RunBlockAsync(Sunny)).Decisions.Single().DecisionCode);
        await Miner(site).ReportAsync(Temp(55));
    }

    /// <summary>Runs the miner, then stops it by an ordinary decision and waits until it confirmed the STOP.</summary>
    private async Task StoppedAsync(string site)
    {
        await RunningAsync(site);
        await Miner(site).ApplyAsync(Block(site, 100, "STOP_R1_SURPLUS_LOST", "STOP", null));
        await Eventually.TrueAsync(async () => (await Miner(site).GetMinerStateAsync()) is { CommandedAction: "STOP", ConfirmedAction: "STOP" });
    }

    private async Task<bool> RecordedAsync(string site, string code) =>
        (await fixture.Grains.GetGrain<IRecorderGrain>(site).GetRecentAsync(20)).Any(d => d.DecisionCode == code && d.Trigger == "SAFETY_ASYNC");

    [Fact]
    public async Task AStoppedMinerThatResumesOnItsOwnAndOverheatsIsStoppedAgainAndRecordedOncePerEvent()
    {
        await StoppedAsync("site-35");
        var stops = Commands("site-35", ActuatorState.Stop);
        RecordingMinerPort.Modes["site-35-miner"] = MinerMode.Standard; // a firmware wake: it mines again, untold

        await Miner("site-35").ReportAsync(Temp(91));

        Assert.Equal(stops + 1, Commands("site-35", ActuatorState.Stop)); // on the wire when the sample's call returns
        var state = await Miner("site-35").GetMinerStateAsync();
        Assert.Equal("STOP_R3_OVERTEMP", state.LastSafetyCode);
        Assert.Equal(1, state.SafetyStops);
        await Eventually.TrueAsync(() => RecordedAsync("site-35", "STOP_R3_OVERTEMP"));

        // The same event, sample after sample: neither sent nor recorded again. (Steps of 100 ms: all of this stays
        // within the STOP's deadline, so the relay has no reason to open and the resent STOP is what goes out.)
        for (var i = 0; i < 3; i++)
        {
            TestSiloConfigurator.SafetyClock.Advance(TimeSpan.FromMilliseconds(100));
            await Miner("site-35").ReportAsync(Temp(92));
        }
        Assert.Equal(stops + 1, Commands("site-35", ActuatorState.Stop));
        Assert.Equal(1, (await Miner("site-35").GetMinerStateAsync()).SafetyStops);

        // A new event (it cooled below the limit, then overheated again) is sent and recorded again.
        TestSiloConfigurator.SafetyClock.Advance(TimeSpan.FromMilliseconds(100));
        await Miner("site-35").ReportAsync(Temp(80));
        TestSiloConfigurator.SafetyClock.Advance(TimeSpan.FromMilliseconds(100));
        await Miner("site-35").ReportAsync(Temp(93));
        Assert.Equal(stops + 2, Commands("site-35", ActuatorState.Stop));
        Assert.Equal(2, (await Miner("site-35").GetMinerStateAsync()).SafetyStops);
    }

    [Fact]
    public async Task AnEmergencyStopPressedWhileTheMinerIsAlreadyStoppedIsSentAndRecorded()
    {
        await StoppedAsync("site-36");
        var stops = Commands("site-36", ActuatorState.Stop);

        await Miner("site-36").EmergencyStopAsync("alice");

        Assert.Equal(stops + 1, Commands("site-36", ActuatorState.Stop));
        var state = await Miner("site-36").GetMinerStateAsync();
        Assert.Equal("STOP_R3_EMERGENCY_STOP", state.LastSafetyCode);
        Assert.True(state.LockoutActive);
        await Eventually.TrueAsync(() => RecordedAsync("site-36", "STOP_R3_EMERGENCY_STOP"));
    }

    [Fact]
    public async Task AfterItsRelayOpenedAStartDecisionFirstOnlyRestoresPowerAndTheNextOneStartsTheMiner()
    {
        await RunningAsync("site-37");
        RecordingMinerPort.Deaf["site-37-miner"] = true;
        await Miner("site-37").ReportAsync(Temp(96));
        await Eventually.TrueAsync(async () => (await Miner("site-37").GetMinerStateAsync()).RelayOpen);
        RecordingMinerPort.Deaf.TryRemove("site-37-miner", out _); // it would answer again once it has power

        // Without power it reports nothing. While the lockout holds, a START brings no power back.
        TestSiloConfigurator.SafetyClock.Advance(TimeSpan.FromMinutes(10));
        await Miner("site-37").ApplyAsync(Start("site-37", 199));
        var held = await Miner("site-37").GetMinerStateAsync();
        Assert.Contains("STOP_R3_LOCKOUT_ACTIVE", held.RefusedStart);
        Assert.True(held.RelayOpen);
        Assert.DoesNotContain(("site-37-plug", true), RecordingRelayPort.Switched);

        // The lockout runs its course.
        TestSiloConfigurator.SafetyClock.Advance(TimeSpan.FromMinutes(21));
        await Eventually.TrueAsync(async () => !(await Miner("site-37").GetMinerStateAsync()).LockoutActive);
        var starts = Commands("site-37", ActuatorState.Start);

        await Miner("site-37").ApplyAsync(Start("site-37", 200));

        await Eventually.TrueAsync(async () => !(await Miner("site-37").GetMinerStateAsync()).RelayOpen);
        Assert.Contains(("site-37-plug", true), RecordingRelayPort.Switched);
        var powered = await Miner("site-37").GetMinerStateAsync();
        Assert.Equal("STOP", powered.CommandedAction); // no START in that block: it has not reported yet
        Assert.Contains("restoring power", powered.RefusedStart);
        Assert.Equal(starts, Commands("site-37", ActuatorState.Start));

        // It boots and reports; the next decision starts it through the readiness gate.
        await Miner("site-37").ReportAsync(Temp(50));
        await Miner("site-37").ApplyAsync(Start("site-37", 201));

        Assert.Equal(starts + 1, Commands("site-37", ActuatorState.Start));
        Assert.Equal(ActuatorState.Start, RecordingMinerPort.For("site-37-miner")[^1].Action);
        Assert.Null((await Miner("site-37").GetMinerStateAsync()).RefusedStart);
    }

    [Fact]
    public async Task ARelayOpenedByAnEmergencyStopStaysOpenUntilItIsAcknowledgedAndTheLockoutServed()
    {
        await RunningAsync("site-38");
        var starts = Commands("site-38", ActuatorState.Start);
        RecordingMinerPort.Deaf["site-38-miner"] = true;
        await Miner("site-38").EmergencyStopAsync("alice");
        await Eventually.TrueAsync(async () => (await Miner("site-38").GetMinerStateAsync()).RelayOpen);
        RecordingMinerPort.Deaf.TryRemove("site-38-miner", out _);

        // Longer than any lockout, but nobody acknowledged the emergency stop: no power.
        TestSiloConfigurator.SafetyClock.Advance(TimeSpan.FromMinutes(31));
        await Miner("site-38").ApplyAsync(Start("site-38", 300));
        var held = await Miner("site-38").GetMinerStateAsync();
        Assert.Contains("STOP_R3_EMERGENCY_STOP", held.RefusedStart);
        Assert.True(held.RelayOpen);
        Assert.DoesNotContain(("site-38-plug", true), RecordingRelayPort.Switched);

        // Acknowledged, and the lockout (restarted while the emergency stop held) served: the power comes back.
        await Miner("site-38").AcknowledgeEmergencyStopAsync("alice");
        TestSiloConfigurator.SafetyClock.Advance(TimeSpan.FromMinutes(31));
        await Eventually.TrueAsync(async () => !(await Miner("site-38").GetMinerStateAsync()).LockoutActive);
        await Miner("site-38").ApplyAsync(Start("site-38", 301));
        await Eventually.TrueAsync(async () => !(await Miner("site-38").GetMinerStateAsync()).RelayOpen);
        Assert.Contains(("site-38-plug", true), RecordingRelayPort.Switched);
        Assert.Equal(starts, Commands("site-38", ActuatorState.Start)); // power only: the START waits for its telemetry
    }

    [Fact]
    public async Task APushedDeviceWithNoSignalsConfiguredHasEveryPushedSampleRefused()
    {
        var sink = new GrainTelemetrySink(fixture.Grains, TestSites.Catalog);
        var meterId = $"{TestSites.EmptyPushSite}-meter";

        await sink.ReportAsync(meterId, [new TelemetrySample(Signal.GridImportW, 300, Now), new TelemetrySample(Signal.HouseLoadW, 500, Now)]);

        var meter = await fixture.Grains.GetGrain<IGridMeterGrain>(meterId).GetStatusAsync();
        Assert.Empty(meter.Latest);
        Assert.Null(meter.LastContact);
        Assert.Equal(1, meter.Rejected.GetValueOrDefault($"{SignalInfo.Name(Signal.GridImportW)}:not_configured"));
        Assert.Equal(1, meter.Rejected.GetValueOrDefault($"{SignalInfo.Name(Signal.HouseLoadW)}:not_configured"));
    }

    [Fact]
    public async Task ARelaySwitchThatHangsIsGivenUpAtItsDeadlineAndTheWatchdogTriesAgainUntilThePlugOpens()
    {
        await RunningAsync("site-40");
        RecordingMinerPort.Deaf["site-40-miner"] = true;
        RecordingRelayPort.Hang["site-40-plug"] = true;

        await Miner("site-40").ReportAsync(Temp(96));
        await Eventually.TrueAsync(() => Task.FromResult(RecordingRelayPort.HungAttempts.GetValueOrDefault("site-40-plug") >= 1));

        // The hung attempt is given up at its deadline; the watchdog tries again (and that attempt hangs too).
        TestSiloConfigurator.SafetyClock.Advance(new ActuationOptions().RelaySwitchDeadline);
        await Eventually.TrueAsync(() => Task.FromResult(
            RecordingRelayPort.AbandonedAttempts.GetValueOrDefault("site-40-plug") >= 1 && RecordingRelayPort.HungAttempts.GetValueOrDefault("site-40-plug") >= 2));
        Assert.False((await Miner("site-40").GetMinerStateAsync()).RelayOpen);

        // The plug answers again: once the hung attempt is given up, a later one opens the relay.
        RecordingRelayPort.Hang.TryRemove("site-40-plug", out _);
        TestSiloConfigurator.SafetyClock.Advance(new ActuationOptions().RelaySwitchDeadline);

        await Eventually.TrueAsync(async () => (await Miner("site-40").GetMinerStateAsync()).RelayOpen);
        Assert.Contains(("site-40-plug", false), RecordingRelayPort.Switched);
    }

    [Fact]
    public async Task AStoppedMinerThatDrawsPowerAgainWhileStillHotIsStoppedAgainAndLosesItsPowerAtTheDeadline()
    {
        await StoppedAsync("site-41");
        await Miner("site-41").ReportAsync(Temp(91)); // over-temperature on a miner already stopped: resent, recorded
        await Eventually.TrueAsync(async () => (await Miner("site-41").GetMinerStateAsync()) is { ConfirmedAction: "STOP", AwaitingConfirmation: false, LastSafetyCode: "STOP_R3_OVERTEMP" });
        var stops = Commands("site-41", ActuatorState.Stop);
        RecordingMinerPort.Modes["site-41-miner"] = MinerMode.Standard; // it resumes, untold, during the same hot event,
        RecordingMinerPort.Stubborn["site-41-miner"] = true;             // and takes a STOP without stopping

        TestSiloConfigurator.SafetyClock.Advance(TimeSpan.FromMilliseconds(100));
        await Miner("site-41").ReportManyAsync([Temp(92), new TelemetrySample(Signal.MinerPowerW, 1674, Now)]);

        Assert.Equal(stops + 1, Commands("site-41", ActuatorState.Stop)); // on the wire when the sample's call returns
        Assert.False((await Miner("site-41").GetMinerStateAsync()).RelayOpen);
        // Its readback keeps saying it mines: at the STOP's deadline the watchdog cuts the power.
        TestSiloConfigurator.SafetyClock.Advance(new ActuationOptions().StopDeadline);
        await Eventually.TrueAsync(async () => (await Miner("site-41").GetMinerStateAsync()).RelayOpen);
        Assert.Contains(("site-41-plug", false), RecordingRelayPort.Switched);
    }
}
