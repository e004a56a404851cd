using System.Text;
using BitGridAI.Domain.Economics;
using BitGridAI.Silo.Configuration;
using BitGridAI.Silo.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace BitGridAI.Silo.Tests;

/// <summary><c>Site:Economics</c>: the energy-path keys read from a site file, their defaults, and what each bad value is told.</summary>
public sealed class EconomicsConfigurationTests
{
    private static IConfiguration Json(string economics) => new ConfigurationBuilder()
        .AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes($$"""{ "Site": { "Economics": {{economics}} } }""")))
        .Build();

    private static (EconomicsOptions Options, IReadOnlyList<string> Errors) Load(IConfiguration configuration)
    {
        var site = configuration.GetSection(SiteOptions.Section).Get<SiteOptions>() ?? new();
        var result = new SiteOptionsValidator(configuration).Validate(Options.DefaultName, site);
        return (site.Economics, result.Failed ? [.. result.Failures] : []);
    }

    [Fact]
    public void WithoutTheNewKeysASiteMinesItsSurplusValuesNoHeatAndKeepsItsKpiPrices()
    {
        var (options, errors) = Load(Json("""{ "HashpriceSatsPerThDay": 40, "FeedInCtKwh": 7, "SatsPerEuro": 1000 }"""));
        var economics = options.ToEconomics(HeatValueSection.Read(Json("{}")).ByMonth);

        Assert.Empty(errors);
        Assert.Equal(EnergyPathPolicy.SelfConsumptionFirst, economics.Policy);
        Assert.Equal((40, 7, 1000), (economics.HashpriceSatsPerThDay, economics.FeedInCtKwh, economics.SatsPerEuro));
        Assert.All(economics.HeatValueCtKwhByMonth, v => Assert.Equal(0, v));
        Assert.Equal(100_000, economics.ConfiguredBtcPriceEur);
    }

    [Fact]
    public void OneHeatValueCountsForEveryMonthAndAListGivesJanuaryToDecember()
    {
        Assert.All(HeatValueSection.Read(Json("""{ "HeatValueCtKwh": 9.5 }""")).ByMonth, v => Assert.Equal(9.5, v));

        var (byMonth, errors) = HeatValueSection.Read(Json("""{ "HeatValueCtKwh": [12, 12, 10, 6, 0, 0, 0, 0, 2, 6, 10, 12] }"""));

        Assert.Empty(errors);
        Assert.Equal([12, 12, 10, 6, 0, 0, 0, 0, 2, 6, 10, 12], byMonth);
    }

    [Fact]
    public void TheBtcPriceAloneSetsTheSatsPerEuroTheKpisUse()
    {
        var (options, errors) = Load(Json("""{ "BtcPriceEur": 80000, "Policy": "max_value" }"""));
        var economics = options.ToEconomics();

        Assert.Empty(errors);
        Assert.Equal(1250, economics.SatsPerEuro);
        Assert.Equal(80_000, economics.ConfiguredBtcPriceEur);
        Assert.Equal(EnergyPathPolicy.MaxValue, economics.Policy);
    }

    public static TheoryData<string, string> BadEconomics => new()
    {
        { """{ "HashpriceSatsPerThDay": -5 }""", "Site:Economics:HashpriceSatsPerThDay: must be 0 to 1000000 sats per TH/s and day (got -5)" },
        { """{ "BtcPriceEur": -1 }""", "Site:Economics:BtcPriceEur: must be 1 to 1000000000 € per BTC (got -1)" },
        { """{ "BtcPriceEur": 90000, "SatsPerEuro": 2000 }""", "Site:Economics:BtcPriceEur: 90000 € per BTC is 1111 sats per euro, but Site:Economics:SatsPerEuro is 2000" },
        { """{ "Policy": "hodl" }""", "Site:Economics:Policy: must be self_consumption_first or max_value (got 'hodl')" },
        { """{ "HeatValueCtKwh": [10, 10, 8, 4, 0, 0, 0, 0, 2, 6, 10] }""", "Site:Economics:HeatValueCtKwh: a list must have 12 values, January to December (got 11)" },
        { """{ "HeatValueCtKwh": [10, 10, 8, 4, 0, 0, 0, 0, 2, 6, 10, 5000] }""", "Site:Economics:HeatValueCtKwh:11: must be a number from -100 to 1000 ct/kWh (got '5000')" },
        { """{ "HeatValueCtKwh": 2000 }""", "Site:Economics:HeatValueCtKwh: must be a number from -100 to 1000 ct/kWh, or a list of 12 (January to December) (got '2000')" },
    };

    [Theory]
    [MemberData(nameof(BadEconomics))]
    public void ABadValueIsNamedWithItsAllowedRange(string economics, string expected) =>
        Assert.Contains(Load(Json(economics)).Errors, e => e.StartsWith(expected, StringComparison.Ordinal));

    [Fact]
    public void TheStandaloneTariffPublishesTheMarketPricesAndOnlyItMayInTheSchema()
    {
        var site = SiteSetup.Load(SiloConfiguration.Build([]), "");

        Assert.True(site.Simulation.Protocols.PublishMarketPrices);
        Assert.Contains("hashprice_sats_th_day", site.Telemetry.SchemaDevices.Single(d => d.Id == "tariff-1").Signals);
        Assert.Contains("btc_price_eur", site.Telemetry.SchemaDevices.Single(d => d.Id == "tariff-1").Signals);
        Assert.All(site.Telemetry.SchemaDevices.Where(d => d.Id != "tariff-1"), d => Assert.DoesNotContain("btc_price_eur", d.Signals));
    }

    [Fact]
    public void AClusterSiteWhoseTariffIsNotAllowedTheMarketPricesIsNotSentThem()
    {
        var file = Path.Combine(AppContext.BaseDirectory, "silo-config", "sites", "home.json");
        var site = SiteSetup.Load(SiloConfiguration.BuildSite(file, "Cluster:Sites:0"), file);

        Assert.True(site.Simulation.Protocols.PublishPrices);
        Assert.False(site.Simulation.Protocols.PublishMarketPrices);
    }
}
