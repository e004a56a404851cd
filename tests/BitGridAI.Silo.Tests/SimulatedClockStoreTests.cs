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
