using BitGridAI.Domain.Economics;

namespace BitGridAI.Domain.Tests.Economics;

/// <summary>
/// The three values of a 10-minute block and the policies' choice, worked by hand for a Bitaxe (15 W, 1.2 TH/s) and an
/// Avalon (1674 W, 90 TH/s) at 1 BTC = 90,000 € (1 sat = 0.09 ct), feed-in 8 ct/kWh, summer heat 0 and winter heat 10 ct/kWh.
/// </summary>
public sealed class EnergyPathTests
{
    private static readonly TimeSpan Block = TimeSpan.FromMinutes(10);

    // Bitaxe: 15 W × 1/6 h = 0.0025 kWh; 50 sats × 1.2 TH/s / 144 = 0.41667 sats = 0.0375 ct; export 0.02 ct.
    // Avalon: 1674 W × 1/6 h = 0.279 kWh; export 2.232 ct; at 50 sats 31.25 sats = 2.8125 ct; at 35 sats 21.875 sats = 1.96875 ct.
    public static TheoryData<string, double, double, EnergyPrices, double, double, double?, double?, double, bool> Cases => new()
    {
        { "Bitaxe, summer: mining alone beats export", 15, 1.2, new(8, 50, 90_000, 0), 0.0025, 0.02, 0.416_667, 0.0375, 0, true },
        { "Bitaxe, winter: heat adds 10 ct/kWh", 15, 1.2, new(8, 50, 90_000, 10), 0.0025, 0.02, 0.416_667, 0.0375, 0.025, true },
        { "Avalon, summer, good hashprice", 1674, 90, new(8, 50, 90_000, 0), 0.279, 2.232, 31.25, 2.8125, 0, true },
        { "Avalon, summer, low hashprice: export is worth more", 1674, 90, new(8, 35, 90_000, 0), 0.279, 2.232, 21.875, 1.968_75, 0, false },
        { "Avalon, winter, low hashprice: the heat tips it to mining", 1674, 90, new(8, 35, 90_000, 10), 0.279, 2.232, 21.875, 1.968_75, 2.79, true },
        { "Avalon, BTC price missing: sats known, ct not, not proven worth it", 1674, 90, new(8, 35, null, 10), 0.279, 2.232, 21.875, null, 2.79, false },
        { "Avalon, hashprice missing: nothing known about mining", 1674, 90, new(8, null, 90_000, 10), 0.279, 2.232, null, null, 2.79, false },
        { "Avalon, negative feed-in: exporting costs, mining wins", 1674, 90, new(-5, 35, 90_000, 0), 0.279, -1.395, 21.875, 1.968_75, 0, true },
        { "miner off: no energy, nothing to compare, equal is enough", 0, 0, new(8, 50, 90_000, 0), 0, 0, 0, 0, 0, true },
        { "NaN power is no energy", double.NaN, 90, new(8, 50, 90_000, 0), 0, 0, 31.25, 2.8125, 0, true },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Values_and_choice_are_as_worked_by_hand(string _, double powerW, double hashrateThs, EnergyPrices prices,
        double energyKwh, double exportCt, double? miningSats, double? miningCt, double heatCt, bool maxValueMines)
    {
        var v = EnergyPath.Of(powerW, hashrateThs, Block, prices);
        Assert.Equal(energyKwh, v.EnergyKwh, 1e-9);
        Assert.Equal(exportCt, v.ExportCt, 1e-9);
        AssertClose(miningSats, v.MiningSats, 1e-5);
        AssertClose(miningCt, v.MiningCt, 1e-9);
        Assert.Equal(heatCt, v.HeatCt, 1e-9);
        Assert.Equal(maxValueMines, EnergyPath.Mines(EnergyPathPolicy.MaxValue, v));
        Assert.True(EnergyPath.Mines(EnergyPathPolicy.SelfConsumptionFirst, v));
    }

    [Fact]
    public void Mining_plus_heat_is_unknown_while_mining_in_cents_is()
    {
        var v = EnergyPath.Of(1674, 90, Block, new EnergyPrices(8, 35, null, 10));
        Assert.Null(v.MiningPlusHeatCt);
        Assert.Equal(1.968_75 + 2.79, EnergyPath.Of(1674, 90, Block, new EnergyPrices(8, 35, 90_000, 10)).MiningPlusHeatCt!.Value, 1e-9);
    }

    [Theory]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void A_hashprice_that_cannot_be_is_unknown(double hashprice) =>
        Assert.Null(EnergyPath.Of(1674, 90, Block, new EnergyPrices(8, hashprice, 90_000, 0)).MiningSats);

    [Theory]
    [InlineData(0.0)]
    [InlineData(-90_000.0)]
    [InlineData(double.NaN)]
    public void A_btc_price_that_is_not_positive_leaves_mining_without_a_value_in_cents(double btcEur)
    {
        var v = EnergyPath.Of(1674, 90, Block, new EnergyPrices(8, 50, btcEur, 0));
        Assert.NotNull(v.MiningSats);
        Assert.Null(v.MiningCt);
        Assert.False(EnergyPath.Mines(EnergyPathPolicy.MaxValue, v));
    }

    [Fact]
    public void A_feed_in_that_is_no_number_is_never_proven_worse_than_mining()
    {
        var v = EnergyPath.Of(1674, 90, Block, new EnergyPrices(double.NaN, 50, 90_000, 10));
        Assert.True(double.IsNaN(v.ExportCt));
        Assert.False(EnergyPath.Mines(EnergyPathPolicy.MaxValue, v));
    }

    [Fact]
    public void A_negative_duration_is_no_time()
    {
        var v = EnergyPath.Of(1674, 90, TimeSpan.FromMinutes(-10), new EnergyPrices(8, 50, 90_000, 10));
        Assert.Equal(new EnergyPathValues(0, 0, 0, 0, 0), v);
    }

    private static void AssertClose(double? expected, double? actual, double tolerance)
    {
        Assert.Equal(expected is null, actual is null);
        if (expected is { } e)
        {
            Assert.Equal(e, actual!.Value, tolerance);
        }
    }
}
