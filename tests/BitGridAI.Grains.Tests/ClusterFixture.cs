using Orleans.TestingHost;

namespace BitGridAI.Grains.Tests;

/// <summary>One single-silo cluster for the whole collection (a start costs 2–3 s), on SQLite in a fresh directory.</summary>
public class ClusterFixture : IAsyncLifetime
{
    /// <summary>Whether the miners' safety watchdog runs in this cluster.</summary>
    protected virtual bool Watchdog => false;

    /// <summary>Whether sites in this cluster tick on their timers and wake on their reminders.</summary>
    protected virtual bool Wake => false;

    public const string ServiceId = "bitgrid-tests";

    public string DataDir { get; } = Path.Combine(Path.GetTempPath(), "bitgrid-grain-tests-" + Guid.NewGuid().ToString("N"));

    public TestCluster Cluster { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.GrainFactory;

    public async Task InitializeAsync() => Cluster = await StartAsync();

    /// <summary>Stops the silo and starts a new one on the same data directory and service id: a restart.</summary>
    public async Task RestartAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
        Cluster = await StartAsync();
    }

    public async Task DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
        try
        {
            Directory.Delete(DataDir, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp directory is harmless.
        }
    }

    private async Task<TestCluster> StartAsync()
    {
        var builder = new TestClusterBuilder(1);
        builder.Options.ServiceId = ServiceId + (Watchdog ? "-safety" : "") + (Wake ? "-wake" : "");
        builder.Options.ClusterId = "tests";
        builder.Properties["BitGridDataDir"] = DataDir;
        builder.Properties["BitGridWatchdog"] = Watchdog ? "on" : "off";
        builder.Properties["BitGridWake"] = Wake ? "on" : "off";
        builder.AddSiloBuilderConfigurator<TestSiloConfigurator>();
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }
}
