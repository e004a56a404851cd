using BitGridAI.Domain.Signals;
using BitGridAI.Grains.Abstractions.Devices;
using BitGridAI.Grains.Abstractions.Messages;
using BitGridAI.Grains.Abstractions.Site;
using BitGridAI.Storage.EventLog;
using Microsoft.Extensions.DependencyInjection;

namespace BitGridAI.Grains.Tests;

/// <summary>
/// The event log's disk fills up or turns read-only: control and the safety path go on, the site's health says the
/// log is not written, and once the disk takes writes again everything decided meanwhile is logged, in order, with
/// no gap in the chain.
/// </summary>
[Collection(SafetyClusterDefinition.Name)]
public sealed class RecorderOutageTests(SafetyClusterFixture fixture)
{
    private static readonly BlockReadings Sunny = new(5200, 500, 0, 1000, 80, -1500, 55, 1670);

    public enum Outage { DiskFull, ReadOnly }

    [Theory]
    [InlineData(Outage.DiskFull, "site-42", "full")]
    [InlineData(Outage.ReadOnly, "site-43", "readonly")]
    public async Task AnOutageOfTheLogStopsNeitherControlNorSafetyAndTheLogCatchesUpWithoutAGap(Outage outage, string site, string error)
    {
        var store = fixture.Cluster.GetSiloServiceProvider().GetRequiredService<EventLogStore>();
        var driver = new SiteDriver(fixture.Grains, site, TestSiloConfigurator.SafetyClock, keepTalking: true);
        var miner = fixture.Grains.GetGrain<IMinerGrain>($"{site}-miner");
        var recorder = fixture.Grains.GetGrain<IRecorderGrain>(site);
        var decided = new List<long> { (await driver.RunBlockAsync(Sunny)).Decisions.Single().Sequence };
        await Eventually.TrueAsync(async () => await recorder.GetCountAsync() == 1);

        try
        {
            if (outage == Outage.DiskFull)
            {
                store.Database.DataSource.MaxPageCount = 1; // SQLite keeps the pages it has: not one more
            }
            else
            {
                store.Database.DataSource.QueryOnly = true;
            }
            for (var i = 0; i < 3; i++)
            {
                var outcome = await driver.RunBlockAsync(Sunny);
                decided.Add(outcome.Decisions.Single().Sequence);
                Assert.Equal("START", outcome.Decisions.Single().Action);
            }
            // Decisions reach the recorder on the decision stream, a moment after the tick.
            await Eventually.TrueAsync(async () => (await driver.Site.GetStatusAsync()).Recorder is { Writing: false });
            var health = (await driver.Site.GetStatusAsync()).Recorder!;
            Assert.Contains(error, health.Error!.Replace(" ", "", StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase);
            Assert.True(health.Waiting > 0);

            // The safety path: an over-temperature reading stops the miner at once, log or no log.
            var stopsBefore = RecordingMinerPort.Sent.Count(s => s.MinerId == $"{site}-miner" && s.Command.Action == BitGridAI.Domain.Decisions.ActuatorState.Stop);
            await miner.ReportAsync(new TelemetrySample(Signal.MinerTempC, 97, TestSiloConfigurator.SafetyClock.GetUtcNow()));
            await Eventually.TrueAsync(() => Task.FromResult(
                RecordingMinerPort.Sent.Count(s => s.MinerId == $"{site}-miner" && s.Command.Action == BitGridAI.Domain.Decisions.ActuatorState.Stop) > stopsBefore));
        }
        finally
        {
            store.Database.DataSource.MaxPageCount = null;
            store.Database.DataSource.QueryOnly = false;
        }

        // The safety record travels on the stream a moment after the stop: wait until the recorder has every decision.
        await Eventually.TrueAsync(async () => await driver.Site.GetStatusAsync() is { Recorder: { Writing: true, Waiting: 0 } } status
            && status.AcknowledgedSequence == status.LastSequence);
        var recorded = await recorder.GetRecentAsync(100);
        Assert.Equal(decided, recorded.Where(r => r.Trigger == "BLOCK_TICK").Select(r => r.Sequence));
        Assert.Contains(recorded, r => r.Trigger == "SAFETY_ASYNC" && r.DecisionCode.StartsWith("STOP_R3", StringComparison.Ordinal));
        var report = ChainVerifier.Verify(store);
        Assert.True(report.Intact, report.FirstBreak?.Reason);
        await Eventually.TrueAsync(async () => (await driver.Site.GetStatusAsync()).AcknowledgedSequence >= decided[^1]);
    }
}
