using BitGridAI.Domain.Decisions;
using BitGridAI.Domain.Signals;
using BitGridAI.Grains.Abstractions.Devices;
using BitGridAI.Grains.Abstractions.Messages;
using BitGridAI.Grains.Abstractions.Site;
using BitGridAI.Grains.Devices;
using BitGridAI.Grains.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using Orleans.TestingHost;

namespace BitGridAI.Grains.Tests;

/// <summary>Runtime rules v3 on the safety path: a STOP never waits, power is really cut, no write per evaluation, errors stay inside their model.</summary>
[Collection(SafetyClusterDefinition.Name)]
public sealed class SafetyV3Tests(SafetyClusterFixture fixture)
{
    private static readonly BlockReadings Sunny = new(5200, 500, 0, 1000, 80, -1500, 55, 1670);

    private static DateTimeOffset Now => TestSiloConfigurator.SafetyClock.GetUtcNow();

    private SiteDriver Driver(string site) => new(fixture.Grains, site, TestSiloConfigurator.SafetyClock, keepTalking: true);

    private IMinerGrain Miner(string site) => fixture.Grains.GetGrain<IMinerGrain>($"{site}-miner");

    private static TelemetrySample Temp(double chipC) => new(Signal.MinerTempC, chipC, Now);

    private async Task<SiteDriver> RunningAsync(string site)
    {
        var driver = Driver(site);
        Assert.Equal("START_R1_SURPLUS_OK", (await driver.RunBlockAsync(Sunny)).Decisions.Single().DecisionCode);
        await Miner(site).ReportAsync(Temp(55));
        return driver;
    }

    private async Task AdvanceTalkingAsync(string site, int seconds, double chipC = 60)
    {
        for (var left = seconds; left > 0; left -= 30)
        {
            TestSiloConfigurator.SafetyClock.Advance(TimeSpan.FromSeconds(Math.Min(30, left)));
            await Miner(site).ReportAsync(Temp(chipC));
        }
    }

    private static bool SentWhileHanging(string minerId, ActuatorState action) =>
        RecordingMinerPort.SentWhileHanging.Any(s => s.MinerId == minerId && s.Command.Action == action);

    [Fact]
    public async Task AnOverTemperatureStopsTheMinerAtOnceWhileTheCommandBeforeItHangsAndThatCommandIsAbandoned()
    {
        RecordingMinerPort.HangCommands["site-21-miner"] = true;
        var driver = Driver("site-21");
        Assert.Equal("START_R1_SURPLUS_OK", (await driver.RunBlockAsync(Sunny)).Decisions.Single().DecisionCode);
        await Eventually.TrueAsync(() => Task.FromResult(RecordingMinerPort.Hanging.GetValueOrDefault("site-21-miner") > 0));

        await Miner("site-21").ReportAsync(Temp(91));

        Assert.True(SentWhileHanging("site-21-miner", ActuatorState.Stop), "the STOP went out while the START still hung");
        Assert.Equal(ActuatorState.Stop, RecordingMinerPort.For("site-21-miner")[^1].Action);
        // The hung START is given up once the STOP is out: it can never land after it.
        await Eventually.TrueAsync(() => Task.FromResult(RecordingMinerPort.Abandoned.Contains(("site-21-miner", nameof(ActuatorState.Start)))));
    }

    [Fact]
    public async Task AnOverTemperatureStopsTheMinerAtOnceWhileItsModeReadbackHangs()
    {
        RecordingMinerPort.HangReads["site-22-miner"] = true;
        await RunningAsync("site-22");
        await Eventually.TrueAsync(() => Task.FromResult(RecordingMinerPort.Hanging.GetValueOrDefault("site-22-miner") > 0));

        await Miner("site-22").ReportAsync(Temp(91));

        Assert.True(SentWhileHanging("site-22-miner", ActuatorState.Stop), "the STOP went out while the readback still hung");
        Assert.Equal("STOP_R3_OVERTEMP", (await Miner("site-22").GetMinerStateAsync()).LastSafetyCode);
    }

    [Fact]
    public async Task AnOverTemperatureStopsTheMinerAtOnceWhileItsPollHangs()
    {
        SilentDevicePort.Hang["site-23-miner"] = true;
        await RunningAsync("site-23");
        await Eventually.TrueAsync(() => Task.FromResult(SilentDevicePort.Hanging.GetValueOrDefault("site-23-miner") > 0));

        await Miner("site-23").ReportAsync(Temp(91));

        Assert.Equal(ActuatorState.Stop, RecordingMinerPort.For("site-23-miner")[^1].Action);
        Assert.True(SilentDevicePort.Hanging.GetValueOrDefault("site-23-miner") > 0, "the poll still hangs: the STOP did not wait for it");
    }

    [Fact]
    public async Task AStopTheMinerDoesNotTakeWithinItsDeadlineOpensTheRelay()
    {
        await RunningAsync("site-24");
        RecordingMinerPort.HangStops["site-24-miner"] = true;

        await Miner("site-24").ReportAsync(Temp(91));
        await Eventually.TrueAsync(() => Task.FromResult(RecordingMinerPort.Hanging.GetValueOrDefault("site-24-miner") > 0));
        Assert.DoesNotContain(("site-24-plug", false), RecordingRelayPort.Switched);
        Assert.False((await Miner("site-24").GetMinerStateAsync()).RelayOpen);

        TestSiloConfigurator.SafetyClock.Advance(new ActuationOptions().StopDeadline);

        await Eventually.TrueAsync(async () => (await Miner("site-24").GetMinerStateAsync()).RelayOpen);
        Assert.Contains(("site-24-plug", false), RecordingRelayPort.Switched);
        Assert.Equal("STOP", (await Miner("site-24").GetMinerStateAsync()).ConfirmedAction);
    }

    [Fact]
    public async Task ARelayThatDoesNotReportOpenLeavesTheMinerCountedAsPoweredAndIsTriedAgainUntilItDoes()
    {
        await RunningAsync("site-25");
        RecordingMinerPort.Deaf["site-25-miner"] = true;
        RecordingRelayPort.Failing["site-25-plug"] = true;

        await Miner("site-25").ReportAsync(Temp(96));

        await Eventually.TrueAsync(() => Task.FromResult(RecordingRelayPort.FailedAttempts.GetValueOrDefault("site-25-plug") >= 3));
        var state = await Miner("site-25").GetMinerStateAsync();
        Assert.False(state.RelayOpen);
        Assert.NotEqual("STOP", state.ConfirmedAction);

        RecordingRelayPort.Failing.TryRemove("site-25-plug", out _);

        await Eventually.TrueAsync(async () => (await Miner("site-25").GetMinerStateAsync()).RelayOpen);
        Assert.Contains(("site-25-plug", false), RecordingRelayPort.Switched);
    }

    [Fact]
    public async Task AMinerThatTakesASafetyStopButKeepsMiningLosesItsPowerAtTheStopsDeadlineNotAfterTheRetries()
    {
        RecordingMinerPort.Stubborn["site-26-miner"] = true;
        await RunningAsync("site-26");

        await Miner("site-26").ReportAsync(Temp(91));
        Assert.Equal(ActuatorState.Stop, RecordingMinerPort.For("site-26-miner")[^1].Action);
        Assert.False((await Miner("site-26").GetMinerStateAsync()).RelayOpen); // it took the STOP: no reason to cut yet

        // Its readback still says it mines: at the STOP's deadline the power goes, not after 20 + 40 + 80 + 160 s of
        // retries (those stay for ordinary commands: SafetyTests.ACommandTheMinerNeverConfirmsIsRetried...).
        TestSiloConfigurator.SafetyClock.Advance(new ActuationOptions().StopDeadline);

        await Eventually.TrueAsync(async () => (await Miner("site-26").GetMinerStateAsync()).RelayOpen);
        Assert.Contains(("site-26-plug", false), RecordingRelayPort.Switched);
        Assert.Equal(1, RecordingMinerPort.For("site-26-miner").Count(c => c.Action == ActuatorState.Stop));
    }

    [Fact]
    public async Task AMinerWhosePortThrowsOnActivationIsStillWatchedAndStoppedWhenContactIsLost()
    {
        SilentDevicePort.Throw["site-27-miner"] = true;

        await Miner("site-27").ReportAsync(Temp(55)); // activates it: the first poll throws

        await Eventually.TrueAsync(async () => (await Miner("site-27").GetStatusAsync()).PollFailures.GetValueOrDefault("device_error") > 0);
        TestSiloConfigurator.SafetyClock.Advance(TimeSpan.FromSeconds(61));
        await Eventually.TrueAsync(async () => (await Miner("site-27").GetMinerStateAsync()).LastSafetyCode is "STOP_R3_TEMP_UNKNOWN" or "STOP_R3_COMM_TIMEOUT");
        Assert.Equal(ActuatorState.Stop, RecordingMinerPort.For("site-27-miner")[^1].Action);
    }

    [Fact]
    public async Task ASafetyStopIsRecordedThroughTheSitesPendingListAndAcknowledged()
    {
        var driver = await RunningAsync("site-28");

        await Miner("site-28").ReportAsync(Temp(92));

        var recorder = fixture.Grains.GetGrain<IRecorderGrain>("site-28");
        DecisionRecord? recorded = null;
        await Eventually.TrueAsync(async () =>
            (recorded = (await recorder.GetRecentAsync(10)).FirstOrDefault(d => d is { DecisionCode: "STOP_R3_OVERTEMP", Trigger: "SAFETY_ASYNC" })) is not null);
        Assert.True(recorded!.Sequence > 0, "the site numbered the safety decision like its block decisions");
        await Eventually.TrueAsync(async () => (await driver.Site.GetStatusAsync()).AcknowledgedSequence >= recorded.Sequence);
    }

    [Fact]
    public async Task RepeatedSafetyEvaluationsOfAnUnchangedMinerWriteNothing()
    {
        await RunningAsync("site-29");
        await Eventually.TrueAsync(async () => (await Miner("site-29").GetMinerStateAsync()) is { ConfirmedAction: "START", CommandsSent: 1 });
        var calm = await StoredVersionsAsync("site-29-miner");

        await AdvanceTalkingAsync("site-29", 600, chipC: 60); // 20 samples, and the watchdog all along

        Assert.Equal(calm, await StoredVersionsAsync("site-29-miner"));

        await Miner("site-29").ReportAsync(Temp(92));
        await Eventually.TrueAsync(async () => (await Miner("site-29").GetMinerStateAsync()) is { ConfirmedAction: "STOP", CommandsSent: > 1 });
        var stopped = await StoredVersionsAsync("site-29-miner");
        Assert.True(stopped > calm, "the stop and its lockout were written");

        await AdvanceTalkingAsync("site-29", 600, chipC: 92); // still hot: the lockout restarts at every evaluation, in memory

        Assert.Equal(stopped, await StoredVersionsAsync("site-29-miner"));
        Assert.True((await Miner("site-29").GetMinerStateAsync()).LockoutActive);
    }

    [Fact]
    public async Task SamplesPushedForAPolledMinerOrForSignalsAMeterDoesNotPushAreRefusedAndCounted()
    {
        var sink = new GrainTelemetrySink(fixture.Grains, TestSites.Catalog);
        var minerId = $"{TestSites.ChannelSite}-miner";
        var meterId = $"{TestSites.ChannelSite}-meter";

        await sink.ReportAsync(minerId, [Temp(55)]);
        await sink.ReportAsync(meterId, [new TelemetrySample(Signal.GridImportW, 300, Now), new TelemetrySample(Signal.HouseLoadW, 500, Now)]);

        var miner = await fixture.Grains.GetGrain<IMinerGrain>(minerId).GetStatusAsync();
        Assert.Empty(miner.Latest);
        Assert.Null(miner.LastContact); // a stray message does not make a silent miner look alive
        Assert.Equal(1, miner.Rejected.GetValueOrDefault($"{SignalInfo.Name(Signal.MinerTempC)}:not_its_channel"));
        var meter = await fixture.Grains.GetGrain<IGridMeterGrain>(meterId).GetStatusAsync();
        Assert.Equal([Signal.GridImportW], meter.Latest.Select(s => s.Signal));
        Assert.Equal(1, meter.Rejected.GetValueOrDefault($"{SignalInfo.Name(Signal.HouseLoadW)}:not_configured"));
    }

    [Fact]
    public async Task AMinerWhoseOnlyContactIsStampedAMinuteAheadOfTheClockIsStoppedByTheWatchdog()
    {
        // As a site clock that resumed behind the miner's stamps would leave it: a fresh temperature, but the only
        // contact (its power reading) a minute in the future, stored before the grain activates.
        var miner = Miner("site-34");
        var ahead = Now + TimeSpan.FromMinutes(1);
        var stored = new DeviceGrainState { LastContact = ahead };
        stored.Latest[SignalInfo.Name(Signal.MinerTempC)] = new TelemetrySample(Signal.MinerTempC, 55, Now - TimeSpan.FromSeconds(10));
        stored.Latest[SignalInfo.Name(Signal.MinerPowerW)] = new TelemetrySample(Signal.MinerPowerW, 1670, ahead);
        var storage = Assert.IsType<InProcessSiloHandle>(fixture.Cluster.Primary).SiloHost.Services.GetRequiredKeyedService<IGrainStorage>("bitgrid");
        await storage.WriteStateAsync("device", miner.GetGrainId(), new GrainState<DeviceGrainState>(stored));

        Assert.Null((await miner.GetMinerStateAsync()).LastSafetyCode); // activates it; the watchdog runs from now on

        // Same instant, no tick: a contact from the future is no contact, so only a missing heartbeat can stop it.
        await Eventually.TrueAsync(async () => (await miner.GetMinerStateAsync()).LastSafetyCode == "STOP_R3_COMM_TIMEOUT");
        Assert.Equal(ActuatorState.Stop, RecordingMinerPort.For("site-34-miner")[^1].Action);

        // The miner's next word is contact again: the stamp from the future no longer holds it off.
        await miner.ReportAsync(Temp(55));
        Assert.Equal(Now, (await miner.GetStatusAsync()).LastContact);
    }

    /// <summary>The stored version of a miner grain's own state ("miner"; the state name is the row's type): it moves with every write.</summary>
    private async Task<long> StoredVersionsAsync(string grainKey)
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(fixture.DataDir, "state.db")};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COALESCE(SUM(Version), 0) FROM OrleansStorage WHERE GrainIdExtensionString = $key AND GrainTypeString = 'miner'";
        command.Parameters.AddWithValue("$key", grainKey);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
