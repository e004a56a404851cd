using BitGridAI.Silo.Api;

namespace BitGridAI.Silo.Tests.Api;

/// <summary>One count per token and kind, whichever way (API or dashboard) the writes come.</summary>
public sealed class ApiRateLimitsTests
{
    [Fact]
    public void TheEleventhOverrideOfATokenWaitsOthersDoNot()
    {
        using var limits = new ApiRateLimits(new ApiOptions { OverridesPerMinute = 10, ControlWritesPerMinute = 2 });

        var first = Enumerable.Range(0, 10).Select(_ => limits.Refusal(ApiRateLimits.Override, "ops")).ToList();
        var eleventh = limits.Refusal(ApiRateLimits.Override, "ops");

        Assert.All(first, r => Assert.Null(r));
        Assert.NotNull(eleventh);
        Assert.InRange(ApiRateLimits.Seconds(eleventh.Value), 1, 60);
        Assert.Null(limits.Refusal(ApiRateLimits.Override, "someone-else"));
        Assert.Null(limits.Refusal(ApiRateLimits.Control, "ops"));
        Assert.Null(limits.Refusal(ApiRateLimits.Control, "ops"));
        Assert.NotNull(limits.Refusal(ApiRateLimits.Control, "ops"));
    }
}
