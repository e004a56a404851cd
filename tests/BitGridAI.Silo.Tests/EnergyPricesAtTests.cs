using BitGridAI.Domain.Economics;
using BitGridAI.Grains.Abstractions.Site;

namespace BitGridAI.Silo.Tests;

/// <summary>The prices of a block: a plausible MQTT price wins, anything else falls back to the site config; the month picks the heat value.</summary>
public sealed class EnergyPricesAtTests
{
    private static readonly SiteEconomics Site = new(HashpriceSatsPerThDay: 50, FeedInCtKwh: 8, SatsPerEuro: 1100)
    {
        Policy = EnergyPathPolicy.MaxValue,
        HeatValueCtKwhByMonth = [12, 12, 10, 6, 0, 0, 0, 0, 2, 6, 10, 12],
    };

    private static readonly DateTimeOffset January = new(2026, 1, 15, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset July = new(2026, 7, 15, 12, 0, 0, TimeSpan.Zero);

    public static TheoryData<string, double?, double?, double, double> Cases => new()
    {
        { "no MQTT prices: the config's, BTC price from sats per euro", null, null, 50, 1e8 / 1100 },
        { "MQTT prices win", 42, 95_000, 42, 95_000 },
        { "a zero hashprice is a real price", 0, null, 0, 1e8 / 1100 },
        { "a negative hashprice is no price", -3, null, 50, 1e8 / 1100 },
        { "a NaN BTC price is no price", null, double.NaN, 50, 1e8 / 1100 },
        { "a BTC price of 0 is no price", null, 0, 50, 1e8 / 1100 },
        { "a BTC price under 1 € is no price", null, 0.5, 50, 1e8 / 1100 },
        { "a hashprice over 1,000,000 sats is no price", 1e6 + 1, null, 50, 1e8 / 1100 },
        { "a BTC price over 10⁹ € is no price", null, 1e9 + 1, 50, 1e8 / 1100 },
        { "the bounds themselves are prices", 1e6, 1e9, 1e6, 1e9 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void APlausibleMqttPriceWinsElseTheConfigCounts(string _, double? hashprice, double? btc, double expectedHashprice, double expectedBtc)
    {
        var prices = Site.PricesAt(July, hashprice, btc);

        Assert.Equal(expectedHashprice, prices.HashpriceSatsPerThDay);
        Assert.Equal(expectedBtc, prices.BtcPriceEur!.Value, 1e-9);
        Assert.Equal(8, prices.FeedInCtKwh);
    }

    [Fact]
    public void TheBlocksMonthPicksTheHeatValue()
    {
        Assert.Equal(12, Site.PricesAt(January, null, null).HeatValueCtKwh);
        Assert.Equal(0, Site.PricesAt(July, null, null).HeatValueCtKwh);
        // By the block start's own offset: 23:30 on 31 December UTC is already January in Berlin.
        Assert.Equal(12, Site.PricesAt(new DateTimeOffset(2026, 1, 1, 0, 30, 0, TimeSpan.FromHours(1)), null, null).HeatValueCtKwh);
    }

    [Fact]
    public void AConfiguredBtcPriceCountsOverTheSatsPerEuro() =>
        Assert.Equal(80_000, (Site with { BtcPriceEur = 80_000 }).PricesAt(July, null, null).BtcPriceEur);

    [Fact]
    public void TheHeatValueNeedsTwelveMonths() =>
        Assert.Throws<ArgumentException>(() => Site with { HeatValueCtKwhByMonth = [1, 2, 3] });

    [Fact]
    public void TwoSitesWithTheSameHeatValuesAreEqual() =>
        Assert.Equal(Site, Site with { HeatValueCtKwhByMonth = [.. Site.HeatValueCtKwhByMonth] });
}
