using BitGridAI.Domain.Decisions;
using BitGridAI.Domain.Signals;
using BitGridAI.Domain.Time;
using BitGridAI.Grains.Abstractions.Devices;
using BitGridAI.Grains.Abstractions.Messages;
using BitGridAI.Grains.Abstractions.Site;
using Microsoft.Data.Sqlite;
using Orleans.Core.Internal;

namespace BitGridAI.Grains.Tests;

/// <summary>
/// The control loop survives deactivation: the site grain's stored reminder brings it back (its tick timer
/// with it), and through it the miners' watchdogs. Nothing here calls the deactivated grain: only what
/// the site does on its own can bring it back.
/// </summary>
[Collection(WakeClusterDefinition.Name)]
public sealed class WakeTests(WakeClusterFixture fixture)
{
    private static DateTimeOffset Now => TestSiloConfigurator.WakeClock.GetUtcNow();

    [Fact]
    public async Task ADeactivatedSiteComesBackOnItsReminderAndDecidesTheNextBlock()
    {
        var site = fixture.Grains.GetGrain<ISiteGrain>("site-1");
        var current = BlockClock.IdOf(BlockClock.IndexOf(Now));
        await Eventually.TrueAsync(async () => await site.GetStatusAsync() is var s && s.LastDecidedBlockId == current && s.AcknowledgedSequence == s.LastSequence);
        var registrations = WakeRegistrations("site-1");

        await site.Cast<IGrainManagementExtension>().DeactivateOnIdle();
        // Each activation registers the wake reminder again: a new registration is a new activation.
        await Eventually.TrueAsync(() => Task.FromResult(WakeRegistrations("site-1") > registrations));
        var next = BlockClock.IndexOf(Now) + 1;
        SiteDriver.MoveTo(TestSiloConfigurator.WakeClock, BlockClock.StartOf(next));

        var recorder = fixture.Grains.GetGrain<IRecorderGrain>("site-1");
        await Eventually.TrueAsync(async () => (await recorder.GetRecentAsync(10)).Any(d => d.BlockId == BlockClock.IdOf(next)));
    }

    [Fact]
    public async Task ADeactivatedMinerGetsItsWatchdogBackAndStillActsOnALostContact()
    {
        var driver = new SiteDriver(fixture.Grains, "site-2", TestSiloConfigurator.WakeClock);
        await driver.RunBlockAsync(new BlockReadings(5200, 500, 0, 1000, 80, -1500, 55, 1670));
        await Eventually.TrueAsync(() => Task.FromResult(RecordingMinerPort.For("site-2-miner").Any(c => c.Action == ActuatorState.Start)));
        var miner = fixture.Grains.GetGrain<IMinerGrain>("site-2-miner");
        await miner.ReportAsync(new TelemetrySample(Signal.MinerTempC, 55, Now));
        var activations = AnsweringDevicePort.Reads["site-2-miner"];

        await miner.Cast<IGrainManagementExtension>().DeactivateOnIdle();
        // A device grain polls as it activates: a new read is a new activation, woken by the site's reminder.
        // The miner answered that poll, then went silent.
        await Eventually.TrueAsync(() => Task.FromResult(AnsweringDevicePort.Reads["site-2-miner"] > activations));
        TestSiloConfigurator.WakeClock.Advance(TimeSpan.FromSeconds(61));

        // Same block, no tick: only the miner's own watchdog can stop it.
        await Eventually.TrueAsync(() => Task.FromResult(RecordingMinerPort.For("site-2-miner")[^1].Action == ActuatorState.Stop));
    }

    /// <summary>How often the site's wake reminder was registered (the reminder row's version counts upserts).</summary>
    private long WakeRegistrations(string siteId)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(fixture.DataDir, "state.db")};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT Version FROM OrleansReminders WHERE GrainId LIKE @grain AND ReminderName = 'wake';";
        command.Parameters.AddWithValue("@grain", "%/" + siteId);
        return command.ExecuteScalar() is long version ? version : -1;
    }
}
