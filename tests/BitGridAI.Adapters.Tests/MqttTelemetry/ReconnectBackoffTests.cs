using BitGridAI.Adapters.Mqtt;

namespace BitGridAI.Adapters.Tests;

public sealed class ReconnectBackoffTests
{
    [Fact]
    public void WaitsDoubleFromOneSecondAndStopAtThirtyUntilAConnectionHolds()
    {
        var backoff = new ReconnectBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30));

        var waits = Enumerable.Range(0, 8).Select(_ => backoff.Next().TotalSeconds).ToArray();
        backoff.Reset();

        Assert.Equal([1, 2, 4, 8, 16, 30, 30, 30], waits);
        Assert.Equal(TimeSpan.FromSeconds(1), backoff.Next());
    }
}
