namespace BitGridAI.Grains.Tests;

[CollectionDefinition(Name)]
public sealed class SafetyClusterDefinition : ICollectionFixture<SafetyClusterFixture>
{
    public const string Name = "safety cluster";
}
