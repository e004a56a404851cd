using BitGridAI.Grains.Abstractions.Site;

namespace BitGridAI.Grains.Tests;

/// <summary>The explanation grain keeps each decision with its block id and explains it in any language and persona.</summary>
[Collection(ClusterDefinition.Name)]
public sealed class ExplanationTests(ClusterFixture fixture)
{
    private static readonly BlockReadings Sunny = new(5200, 500, 0, 1000, 80, -1500, 55, 1670);

    [Fact]
    public async Task EachDecisionIsKeptWithItsBlockIdAndExplainedInTheLanguageAsked()
    {
        var driver = new SiteDriver(fixture.Grains, "site-44");
        var decided = (await driver.RunBlockAsync(Sunny)).Decisions.Single();
        var explanations = fixture.Grains.GetGrain<IExplanationGrain>("site-44");

        await Eventually.TrueAsync(async () => (await explanations.GetAsync(decided.BlockId, null, null)).Length == 1);
        var english = (await explanations.GetAsync(decided.BlockId, null, null)).Single();
        var german = (await explanations.GetAsync(decided.BlockId, "de", "heat")).Single();
        var unknown = (await explanations.GetAsync(decided.BlockId, "xx", "nobody")).Single();

        Assert.Equal(decided.DecisionCode, english.DecisionCode);
        Assert.Equal("site-44-miner", english.MinerId);
        Assert.Equal(("en", "energy", "running"), (english.Language, english.Persona, english.Mood));
        Assert.Equal(("de", "heat"), (german.Language, german.Persona));
        Assert.NotEqual(english.ShortText, german.ShortText);
        Assert.False(string.IsNullOrWhiteSpace(english.CounterfactualText));
        // An unknown language or persona is English/energy with a note, never an error.
        Assert.Equal(english.ShortText, unknown.ShortText);
        Assert.NotEmpty(unknown.Notes);
        Assert.Empty(await explanations.GetAsync("2030-01-01T00:00:00Z", null, null));
    }
}
