namespace BitGridAI.Explain.Tests;

public sealed class MoodTests
{
    [Fact]
    public void TheDashboardMoodsAreDistinct() =>
        Assert.Equal(4, Enum.GetValues<Mood>().Distinct().Count());
}
