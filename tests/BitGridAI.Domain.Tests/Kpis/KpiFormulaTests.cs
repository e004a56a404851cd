using BitGridAI.Domain.Config;
using BitGridAI.Domain.Decisions;
using BitGridAI.Domain.History;
using BitGridAI.Domain.Kpis;

namespace BitGridAI.Domain.Tests.Kpis;

/// <summary>The formulas of docs/kpis.md, one row per case; NaN stands for a missing reading.</summary>
public sealed class KpiFormulaTests
{
    private const double N = double.NaN;

    private static readonly HistoryConfig Config = new("c", EngineConfig.Default, Strategy.Surplus,
        [new HistoryMiner("m1", 0, RatedPowerW: 1500, 800, null, null, null, RatedHashrateThs: 100)], null, new HistoryEconomics(50, 8, 1000));

    [Theory]
    // pv, house, import, export, battery, miner W → pv Wh, house Wh, miner Wh, sats
    [InlineData(6000, 500, 0, 3000, -1000, 1500, 1000, 83.333, 250, 34.722)]
    [InlineData(6000, N, 0, 3000, -1000, 1500, 1000, 83.333, 250, 34.722)]  // house derived: 6000 + 0 − 1000 − 3000 − 1500 = 500
    [InlineData(0, N, 800, 0, 200, 0, 0, 166.667, 0, 0)]                     // night: house from the grid and the battery
    [InlineData(N, N, 800, 0, 200, 0, N, N, 0, 0)]                           // PV missing: house cannot be derived
    [InlineData(6000, N, 0, 3000, N, 1500, 1000, N, 250, 34.722)]            // battery power missing: house missing
    [InlineData(6000, 500, 0, 3000, -1000, N, 1000, 83.333, N, N)]           // miner draw missing: miner energy and sats missing
    public void Block_energies_are_means_times_ten_minutes(double pv, double house, double import, double export, double battery, double miner,
        double pvWh, double houseWh, double minerWh, double sats)
    {
        var kpis = RecordedKpis.Energy(new SiteMeans(pv, house, import, export, battery, 70), [miner], Config);

        AssertClose(pvWh, kpis.PvWh);
        AssertClose(houseWh, kpis.HouseWh);
        AssertClose(minerWh, kpis.MinerWh);
        AssertClose(sats, kpis.Sats);
    }

    [Theory]
    // rated TH/s, rated W → sats for a block at 1500 W (missing when the miner's hashrate is unknown)
    [InlineData(100, 1500, 34.722)]
    [InlineData(200, 1500, 69.444)]
    [InlineData(0, 1500, N)]
    [InlineData(100, 0, N)]
    public void Sats_are_estimated_from_the_draw_and_the_rated_efficiency(double ths, double ratedW, double sats)
    {
        var config = new HistoryConfig("c", EngineConfig.Default, Strategy.Surplus, [new HistoryMiner("m1", 0, ratedW, null, null, null, null, ths)], null, new HistoryEconomics(50, 8, 1000));

        AssertClose(sats, RecordedKpis.Energy(new SiteMeans(0, 0, 0, 0, 0, 50), [1500], config).Sats);
    }

    [Theory]
    // pv, export, import, house, miner (Wh) → self-consumption, autarky (−1 = missing)
    [InlineData(1000, 250, 0, 500, 250, 0.75, 1.0)]
    [InlineData(1000, 1000, 0, 0, 0, 0.0, -1)]       // nothing consumed: autarky undefined
    [InlineData(0, 0, 500, 500, 0, -1, 0.0)]          // night: self-consumption undefined, all from the grid
    [InlineData(N, 0, 100, 300, 100, -1, 0.75)]       // PV missing: no self-consumption, autarky still known
    [InlineData(1000, N, N, 500, 0, -1, -1)]          // meter missing: both missing
    public void Ratios_come_from_the_sums_of_the_blocks_that_measured_all_their_terms(double pv, double export, double import, double house, double miner,
        double selfConsumption, double autarky)
    {
        var totals = new KpiTotals();
        totals.Add(BlockKpis.Missing with { PvWh = pv, ExportWh = export, ImportWh = import, HouseWh = house, MinerWh = miner });

        Assert.Equal(selfConsumption < 0 ? null : selfConsumption, totals.SelfConsumption);
        Assert.Equal(autarky < 0 ? null : autarky, totals.Autarky);
    }

    [Fact]
    public void A_quantity_no_block_measured_is_missing_and_one_some_measured_is_partial()
    {
        var totals = new KpiTotals();
        totals.Add(BlockKpis.Missing with { PvWh = 1000, MinerWh = 250, Sats = 10, FeedInCtKwh = 8, SatsPerEuro = 1000, ExportWh = 500 });
        totals.Add(BlockKpis.Missing with { MinerWh = 250, Sats = 10, FeedInCtKwh = 8, SatsPerEuro = 1000 });

        Assert.Equal(1.0, totals.PvKwh);
        Assert.Null(totals.ImportKwh);
        Assert.Equal(["pv", "export"], totals.PartialQuantities());
        Assert.Equal(40.0, totals.SatsPerKwh);
        Assert.Equal(0.5 * 8 / 100, totals.ExportValueEur!.Value, 9);
        Assert.Equal(20.0 / 1000, totals.MiningValueEur!.Value, 9);
        Assert.Equal(totals.MinerKwh, totals.HeatKwh);
        Assert.Null(totals.LatencyMaxSec);
    }

    [Fact]
    public void Feed_in_in_sats_per_kwh_is_the_tariff_at_the_blocks_exchange_rate() =>
        // 8 ct/kWh at 1100 sats/€: 0.08 € × 1100 = 88 sats for a kWh exported.
        Assert.Equal(88, (BlockKpis.Missing with { FeedInCtKwh = 8, SatsPerEuro = 1100 }).FeedInSatsPerKwh, 9);

    [Fact]
    public void Feed_in_in_sats_per_kwh_of_a_period_is_weighted_by_the_energy_the_miners_used()
    {
        var totals = new KpiTotals();
        // 3 kWh mined at 88 sats/kWh feed-in, 1 kWh at 110 (a higher tariff), one block without mining at 200.
        totals.Add(BlockKpis.Missing with { MinerWh = 3000, Sats = 300, FeedInCtKwh = 8, SatsPerEuro = 1100 });
        totals.Add(BlockKpis.Missing with { MinerWh = 1000, Sats = 100, FeedInCtKwh = 10, SatsPerEuro = 1100 });
        totals.Add(BlockKpis.Missing with { MinerWh = 0, Sats = 0, FeedInCtKwh = 20, SatsPerEuro = 1000 });

        Assert.Equal((3 * 88 + 1 * 110) / 4.0, totals.FeedInSatsPerKwh!.Value, 9);
        Assert.Equal(100, totals.SatsPerKwh);
    }

    [Fact]
    public void Without_mining_the_feed_in_in_sats_per_kwh_is_the_mean_of_the_blocks_and_without_prices_missing()
    {
        var totals = new KpiTotals();
        Assert.Null(totals.FeedInSatsPerKwh);
        totals.Add(BlockKpis.Missing with { MinerWh = 0, FeedInCtKwh = 8, SatsPerEuro = 1000 });
        totals.Add(BlockKpis.Missing with { FeedInCtKwh = 10, SatsPerEuro = 1000 });
        totals.Add(BlockKpis.Missing);

        Assert.Equal(90, totals.FeedInSatsPerKwh!.Value, 9);
    }

    [Fact]
    public void A_negative_feed_in_is_a_negative_number_of_sats_per_kwh()
    {
        var totals = new KpiTotals();
        totals.Add(BlockKpis.Missing with { MinerWh = 500, Sats = 40, FeedInCtKwh = -2, SatsPerEuro = 1000 });

        Assert.Equal(-20, totals.FeedInSatsPerKwh!.Value, 9);
    }

    [Theory]
    [InlineData("START START START", 0)]
    [InlineData("START THROTTLE START STOP", 3)]
    [InlineData("NOOP START NOOP NOOP STOP NOOP", 1)]
    [InlineData("STOP", 0)]                            // the first command changes nothing known
    [InlineData("", 0)]
    public void Flapping_counts_changes_among_start_throttle_and_stop(string actions, int changes)
    {
        var counter = new ActuatorChanges(1);
        var counted = actions.Split(' ', StringSplitOptions.RemoveEmptyEntries).Sum(a => counter.Follow(0, Enum.Parse<DecisionAction>(a, ignoreCase: true)));

        Assert.Equal(changes, counted);
    }

    [Fact]
    public void Thermal_stops_overrides_and_latency_are_counted_per_block()
    {
        var block = new RecordedBlock(0, Config, new SiteMeans(0, 0, 0, 0, 0, 50), [0],
            [new RecordedDecision(0, DecisionCode.STOP_R3_OVERTEMP, default, default, 3.5)],
            [
                new RecordedEvent(RecordedEventKind.SafetyStop, DecisionCode.STOP_R3_OVERTEMP, 0),
                new RecordedEvent(RecordedEventKind.SafetyStop, DecisionCode.STOP_R3_COMM_TIMEOUT, 0),
                new RecordedEvent(RecordedEventKind.OverrideAccepted, DecisionCode.Unknown, -1),
                new RecordedEvent(RecordedEventKind.OverrideRefused, DecisionCode.Unknown, -1),
            ]);

        var kpis = new RecordedKpis(1).Of(block);

        Assert.Equal(2, kpis.ThermalStops);
        Assert.Equal(1, kpis.OverridesAccepted);
        Assert.Equal(1, kpis.OverridesRefused);
        Assert.Equal(3.5, kpis.LatencySec);
    }

    private static void AssertClose(double expected, double actual)
    {
        if (double.IsNaN(expected))
        {
            Assert.True(double.IsNaN(actual), $"expected missing, got {actual}");
            return;
        }
        Assert.Equal(expected, actual, 3);
    }
}
