using static BitGridAI.Domain.Decisions.DecisionCode;
using static BitGridAI.Domain.Tests.Site;

namespace BitGridAI.Domain.Tests.Rules;

/// <summary>RULES.md §2 step 7, R4 (defaults: min predicted surplus 2.0 kW, price spike 30 ct): only with a forecast.</summary>
public sealed class R4ForecastTests
{
    private static readonly Site NoPriceCap = Sunny.Set("price_max_ct_kwh", null);

    public static TheoryData<Case> Rows => new()
    {
        new("forecast 1.99 kW < min_predicted_surplus_kw", Sunny.Forecast(1.99), NOOP_R4_FORECAST_PV_INSUFFICIENT),
        new("forecast 2.0 kW = min_predicted_surplus_kw", Sunny.Forecast(2.0), START_R1_SURPLUS_OK),
        new("negative forecast", Sunny.Forecast(-1), NOOP_R4_FORECAST_PV_INSUFFICIENT),
        new("forecast missing: no R4", Sunny.Forecast(null).Price(10), START_R1_SURPLUS_OK),
        new("forecast NaN is missing: no R4", Sunny.Forecast(double.NaN), START_R1_SURPLUS_OK),
        new("price 30 ct = price_spike_threshold_ct with a forecast", NoPriceCap.Forecast(3).Price(30), NOOP_R4_FORECAST_PRICE_SPIKE),
        new("price 29.99 ct with a forecast", NoPriceCap.Forecast(3).Price(29.99), START_R1_SURPLUS_OK),
        new("price 30 ct without a forecast: no price spike", NoPriceCap.Price(30), START_R1_SURPLUS_OK),
        new("price 30 ct without a forecast: R1's price cap instead", Sunny.Price(30), NOOP_R1_PRICE_TOO_HIGH),
        new("price missing with a forecast", Sunny.Forecast(3).Price(null), START_R1_SURPLUS_OK),
        new("weak forecast is reported before a price spike", Sunny.Forecast(1).Price(40), NOOP_R4_FORECAST_PV_INSUFFICIENT),
        new("R4 comes before R1's insufficient surplus", Sunny.SurplusKw(0).Forecast(1), NOOP_R4_FORECAST_PV_INSUFFICIENT),
        new("R4 holds a running miner as it is", Sunny.Running().Forecast(1), NOOP_R4_FORECAST_PV_INSUFFICIENT),
        new("R4 applies in soc_band", Sunny.SocBand().Soc(95).Forecast(1), NOOP_R4_FORECAST_PV_INSUFFICIENT),
        new("price spike in soc_band", Sunny.SocBand().Soc(95).Forecast(3).Price(35), NOOP_R4_FORECAST_PRICE_SPIKE),
        new("min_predicted_surplus_kw 0: forecast 0 kW", Sunny.Set("min_predicted_surplus_kw", 0).Forecast(0), START_R1_SURPLUS_OK),
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void HoldsForAWeakForecastOrAPriceSpikeAsRuleR4Says(Case row) => row.AssertDecides();
}
