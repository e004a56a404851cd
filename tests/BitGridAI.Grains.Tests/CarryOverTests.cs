using BitGridAI.Domain.Signals;
using BitGridAI.Grains.Abstractions.Messages;

namespace BitGridAI.Grains.Tests;

[Collection(ClusterDefinition.Name)]
public sealed class CarryOverTests(ClusterFixture fixture)
{
    [Fact]
    public async Task AnHourlyPriceCountsInEveryBlockOfItsHourAndNotAfter()
    {
        var driver = new SiteDriver(fixture.Grains, "site-20");
        var sunny = new BlockReadings(5200, 500, 0, 1000, 80, -1500, 55, 0);
        var publishedAt = SiteDriver.NextBoundary() - TimeSpan.FromMinutes(1);
        SiteDriver.MoveTo(publishedAt);
        // Above price_max_ct_kwh (25): while the price counts, the miner does not start on the surplus.
        await driver.Device("site-20-meter").ReportAsync(new TelemetrySample(Signal.EnergyPriceCtKwh, 31, publishedAt));

        var codes = new List<string>();
        for (var block = 0; block < 7; block++)
        {
            codes.Add((await driver.RunBlockAsync(sunny)).Decisions.Single().DecisionCode);
        }

        // Ticks 1, 11, … 51 minutes after the price was published: it counts in all six blocks of its hour.
        Assert.Equal(Enumerable.Repeat("NOOP_R1_PRICE_TOO_HIGH", 6), codes.Take(6));
        // 61 minutes after: it has aged out, and the surplus starts the miner.
        Assert.Equal("START_R1_SURPLUS_OK", codes[6]);
    }
}
