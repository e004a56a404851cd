using static BitGridAI.Domain.Decisions.DecisionCode;
using static BitGridAI.Domain.Tests.Site;

namespace BitGridAI.Domain.Tests.Rules;

/// <summary>
/// RULES.md §2 step 5, R1 in the surplus strategy (defaults: stop 0.0, throttle 0.8, start 1.5 kW;
/// price max 25 ct), with surplus_kw = (pv − house load − reserved_w) / 1000 (§1, §6).
/// </summary>
public sealed class R1SurplusTests
{
    public static TheoryData<Case> Rows => new()
    {
        new("stopped, surplus 1.5 kW = surplus_min_kw", Sunny.SurplusKw(1.5), START_R1_SURPLUS_OK),
        new("stopped, surplus 1.499 kW", Sunny.SurplusKw(1.499), THROTTLE_R1_SURPLUS_THROTTLE),
        new("stopped, surplus 0.8 kW = surplus_throttle_min_kw", Sunny.SurplusKw(0.8), THROTTLE_R1_SURPLUS_THROTTLE),
        new("stopped, surplus 0.799 kW", Sunny.SurplusKw(0.799), NOOP_R1_INSUFFICIENT_SURPLUS),
        new("stopped, surplus −1 kW: nothing to stop", Sunny.SurplusKw(-1), NOOP_R1_INSUFFICIENT_SURPLUS),
        new("unknown actuator, surplus −1 kW: not known to run", Sunny.Actuator(Decisions.ActuatorState.Unknown).SurplusKw(-1), NOOP_R1_INSUFFICIENT_SURPLUS),
        new("running, surplus −0.001 kW < surplus_stop_kw 0", Sunny.Running().SurplusKw(-0.001), STOP_R1_SURPLUS_LOST),
        new("throttled, surplus −0.001 kW", Sunny.Throttled().SurplusKw(-0.001), STOP_R1_SURPLUS_LOST),
        new("running, surplus exactly 0 kW keeps running (hysteresis)", Sunny.Running().SurplusKw(0), NOOP_R1_INSUFFICIENT_SURPLUS),
        new("running, surplus 0.5 kW keeps running (hysteresis)", Sunny.Running().SurplusKw(0.5), NOOP_R1_INSUFFICIENT_SURPLUS),
        new("throttled, surplus 0.799 kW keeps running (hysteresis)", Sunny.Throttled().SurplusKw(0.799), NOOP_R1_INSUFFICIENT_SURPLUS),
        new("surplus_stop_kw 0.5: running at 0.499 kW stops", Sunny.Set("surplus_stop_kw", 0.5).Running().SurplusKw(0.499), STOP_R1_SURPLUS_LOST),
        new("surplus_stop_kw 0.5: running at 0.5 kW keeps running", Sunny.Set("surplus_stop_kw", 0.5).Running().SurplusKw(0.5), NOOP_R1_INSUFFICIENT_SURPLUS),
        new("running at full power, surplus 1.0 kW: throttles", Sunny.Running().SurplusKw(1.0), THROTTLE_R1_SURPLUS_THROTTLE),
        new("throttled, surplus 2 kW: full power", Sunny.Throttled().SurplusKw(2), START_R1_SURPLUS_OK),
        new("surplus_min_kw 2: 1.9 kW throttles", Sunny.Set("surplus_min_kw", 2).SurplusKw(1.9), THROTTLE_R1_SURPLUS_THROTTLE),
        new("price 25 ct = price_max_ct_kwh", Sunny.Price(25), START_R1_SURPLUS_OK),
        new("price 25.01 ct > price_max_ct_kwh", Sunny.Price(25.01), NOOP_R1_PRICE_TOO_HIGH),
        new("price too high with a throttle surplus", Sunny.SurplusKw(1).Price(26), NOOP_R1_PRICE_TOO_HIGH),
        new("insufficient surplus is reported before the price", Sunny.SurplusKw(0.5).Price(40), NOOP_R1_INSUFFICIENT_SURPLUS),
        new("price_max_ct_kwh null disables the price check", Sunny.Set("price_max_ct_kwh", null).Price(100), START_R1_SURPLUS_OK),
        new("price missing: no price check", Sunny.Price(null), START_R1_SURPLUS_OK),
        new("a negative price is a price", Sunny.Price(-5), START_R1_SURPLUS_OK),
        new("running with a price too high keeps running", Sunny.Running().Price(30), NOOP_R1_PRICE_TOO_HIGH),
        new("surplus lost is checked before the forecast", Sunny.Running().SurplusKw(-1).Forecast(5), STOP_R1_SURPLUS_LOST),
        new("strategy not configured behaves as surplus", Sunny.Strategy(Decisions.Strategy.Unknown).Running().SurplusKw(-1), STOP_R1_SURPLUS_LOST),
        new("4 kW surplus, 2.5 kW reserved for miners decided before: 1.5 kW left", Sunny.Reserved(2500), START_R1_SURPLUS_OK),
        new("4 kW surplus, 2.6 kW reserved: 1.4 kW left throttles", Sunny.Reserved(2600), THROTTLE_R1_SURPLUS_THROTTLE),
        new("4 kW surplus, 3.3 kW reserved: 0.7 kW left is not enough", Sunny.Reserved(3300), NOOP_R1_INSUFFICIENT_SURPLUS),
        new("running, 4 kW surplus, 4.001 kW reserved: the surplus is lost", Sunny.Running().Reserved(4001), STOP_R1_SURPLUS_LOST),
        new("a derived house load does not absorb the reservation: 4 kW − 3 kW reserved throttles",
            Sunny.HouseLoad(null).GridExport(4000).Reserved(3000), THROTTLE_R1_SURPLUS_THROTTLE),
        new("a negative reservation is no reservation", Sunny.SurplusKw(1).Reserved(-5000), THROTTLE_R1_SURPLUS_THROTTLE),
        new("a NaN reservation (a broken caller) leaves no surplus", Sunny.Running().Reserved(double.NaN), STOP_R1_SURPLUS_LOST),
        new("soc_band never stops for a lost surplus", Sunny.SocBand().Running().SurplusKw(-1), START_R1_STANDARD),
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void RunsOnSurplusAsRuleR1Says(Case row) => row.AssertDecides();
}
