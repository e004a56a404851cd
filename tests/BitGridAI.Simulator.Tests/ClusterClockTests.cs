using Microsoft.Extensions.Time.Testing;

namespace BitGridAI.Simulator.Tests;

/// <summary>The cluster's site clock: processes that read the same anchor at different moments tell the same site time.</summary>
public sealed class ClusterClockTests
{
    [Fact]
    public void Clocks_built_from_one_anchor_at_different_moments_agree_and_run_at_the_speed()
    {
        var wall = new FakeTimeProvider(new DateTimeOffset(2026, 11, 30, 6, 0, 0, TimeSpan.Zero));
        var siteEpoch = new DateTimeOffset(2026, 6, 21, 10, 0, 0, TimeSpan.Zero);
        var realEpoch = wall.GetUtcNow();
        var first = new AcceleratedTimeProvider(siteEpoch, realEpoch, 30, wall);
        wall.Advance(TimeSpan.FromSeconds(17)); // a silo that starts later
        var second = new AcceleratedTimeProvider(siteEpoch, realEpoch, 30, wall);
        Assert.Equal(siteEpoch.AddSeconds(17 * 30), first.GetUtcNow());
        Assert.Equal(first.GetUtcNow(), second.GetUtcNow());
        wall.Advance(TimeSpan.FromSeconds(20));
        Assert.Equal(siteEpoch.AddMinutes(18.5), second.GetUtcNow());
    }

    [Fact]
    public void A_speed_below_one_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new AcceleratedTimeProvider(DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, 0.5));
}
