using BitGridAI.Grains.Abstractions.Site;

namespace BitGridAI.Grains.Tests;

[Collection(ClusterDefinition.Name)]
public sealed class RecorderTests(ClusterFixture fixture)
{
    [Fact]
    public async Task TheRecorderStoresEveryDecisionOnceInOrderAndAcknowledgesIt()
    {
        var driver = new SiteDriver(fixture.Grains, "site-9");
        var published = new List<long>();
        foreach (var readings in GrainPathTests.Day.Take(12))
        {
            published.AddRange((await driver.RunBlockAsync(readings)).Decisions.Select(d => d.Sequence));
        }
        var recorder = fixture.Grains.GetGrain<IRecorderGrain>("site-9");

        await Eventually.TrueAsync(async () => await recorder.GetCountAsync() == published.Count);
        var recorded = await recorder.GetRecentAsync(100);
        Assert.Equal(published, recorded.Select(r => r.Sequence));
        Assert.Equal(recorded.Select(r => r.BlockId).Order(StringComparer.Ordinal), recorded.Select(r => r.BlockId));
        await Eventually.TrueAsync(async () => (await driver.Site.GetStatusAsync()).AcknowledgedSequence == published[^1]);
    }
}
