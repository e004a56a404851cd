namespace BitGridAI.Grains.Tests;

[CollectionDefinition(Name)]
public sealed class WakeClusterDefinition : ICollectionFixture<WakeClusterFixture>
{
    public const string Name = "wake cluster";
}
