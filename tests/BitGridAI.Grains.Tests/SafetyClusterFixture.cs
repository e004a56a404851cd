namespace BitGridAI.Grains.Tests;

/// <summary>A second cluster whose miners run their safety watchdog, on its own fake site clock.</summary>
public sealed class SafetyClusterFixture : ClusterFixture
{
    protected override bool Watchdog => true;
}
