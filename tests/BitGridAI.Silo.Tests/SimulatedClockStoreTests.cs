using BitGridAI.Domain.Config;
using BitGridAI.Domain.Signals;
using BitGridAI.Domain.Telemetry;
using BitGridAI.Silo.Hosting;

namespace BitGridAI.Silo.Tests;

public sealed class SimulatedClockStoreTests : IDisposable
{
    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), "bitgrid-clock-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public void TheSimulatedClockResumesWhereItWasSaved()
    {
        var time = new DateTimeOffset(2026, 6, 21, 13, 37, 0, TimeSpan.Zero);
        new SimulatedClockStore(_dataDir).Save(time);

        Assert.Equal(time, new SimulatedClockStore(_dataDir).Load());
    }

    [Fact]
    public void TheSimulatedClockNeverGoesBackwards()
    {
        var store = new SimulatedClockStore(_dataDir);
        var later = new DateTimeOffset(2026, 6, 21, 14, 0, 0, TimeSpan.Zero);
        store.Save(later);
        store.Save(later - TimeSpan.FromHours(3));

        Assert.Equal(later, new SimulatedClockStore(_dataDir).Load());
    }

    [Fact]
    public void AfterACleanStopTheClockResumesExactlyWhereItStopped()
    {
        var stopped = new DateTimeOffset(2026, 6, 21, 13, 37, 0, TimeSpan.Zero);
        new SimulatedClockStore(_dataDir).SaveStopped(stopped);

        Assert.Equal(stopped, new SimulatedClockStore(_dataDir).Resume(speed: 60));
    }

    [Fact]
    public void AfterACrashAReadingTakenBeforeTheCrashIsNotFreshWhenTheClockResumes()
    {
        const double speed = 60;
        var lastSave = new DateTimeOffset(2026, 6, 21, 13, 37, 0, TimeSpan.Zero);
        new SimulatedClockStore(_dataDir).Save(lastSave);
        // SIGKILL just before the next save: the clock had run on one save interval, and a temperature and a
        // contact were stamped at that last moment.
        var lastReading = lastSave + (SimulatedClockStore.SaveInterval * speed);

        var resumed = new SimulatedClockStore(_dataDir).Resume(speed)!.Value;

        Assert.True(resumed > lastReading, $"the clock resumed at {resumed:O}, before the last reading at {lastReading:O}");
        Assert.False(TelemetryFreshness.Default.IsFresh(Signal.MinerTempC, lastReading, resumed));
        var heartbeat = new BlockTelemetry { MinerLastContact = lastReading }.ToEnergyState(resumed, TelemetryFreshness.Default)[Signal.MinerHeartbeatAgeSec];
        Assert.True(heartbeat > EngineConfig.Default.CommTimeoutSec, $"heartbeat age {heartbeat} s after the restart");
    }

    [Fact]
    public void ACrashRightAfterAResumeStillResumesPastEverythingThatRunStamped()
    {
        const double speed = 60;
        new SimulatedClockStore(_dataDir).SaveStopped(new DateTimeOffset(2026, 6, 21, 13, 37, 0, TimeSpan.Zero));
        var firstRun = new SimulatedClockStore(_dataDir).Resume(speed)!.Value;

        // Killed before its first periodic save: the second start must not trust the clean stop before it.
        var secondRun = new SimulatedClockStore(_dataDir).Resume(speed)!.Value;

        Assert.Equal(firstRun + SimulatedClockStore.CrashMargin(speed), secondRun);
    }

    [Fact]
    public void ADamagedClockFileSaysHowToRecover()
    {
        Directory.CreateDirectory(_dataDir);
        File.WriteAllText(Path.Combine(_dataDir, "sim-clock.json"), "{ not json");

        var error = Assert.Throws<StartupException>(() => new SimulatedClockStore(_dataDir).Load());

        Assert.Contains("sim-clock.json", error.Message, StringComparison.Ordinal);
        Assert.Contains("delete it", error.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        if (Directory.Exists(_dataDir))
        {
            Directory.Delete(_dataDir, recursive: true);
        }
    }
}
