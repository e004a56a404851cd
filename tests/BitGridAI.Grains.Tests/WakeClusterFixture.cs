namespace BitGridAI.Grains.Tests;

/// <summary>A cluster whose sites tick on their timers and wake on their reminders, with the miners' watchdog on.</summary>
public sealed class WakeClusterFixture : ClusterFixture
{
    protected override bool Watchdog => true;

    protected override bool Wake => true;
}
