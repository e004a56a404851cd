using static BitGridAI.Domain.Decisions.DecisionCode;
using static BitGridAI.Domain.Tests.Site;

namespace BitGridAI.Domain.Tests.Rules;

/// <summary>RULES.md §2 steps 5 and 7, R1 in the soc_band strategy (defaults: stop 50, eco 58, standard 80, super 90 %; pv_start_w 6000).</summary>
public sealed class R1SocBandTests
{
    private static readonly Site Band = Sunny.SocBand();

    public static TheoryData<Case> Rows => new()
    {
        new("SoC 90 % = soc_super_pct", Band.Soc(90), START_R1_SUPER),
        new("SoC 89.99 %", Band.Soc(89.99), START_R1_STANDARD),
        new("SoC 80 % = soc_standard_pct", Band.Soc(80), START_R1_STANDARD),
        new("SoC 79.99 %, stopped, PV 5 kW < pv_start_w", Band.Soc(79.99), NOOP_R1_SOC_HOLD_PV),
        new("SoC 79.99 %, stopped, PV 6 kW = pv_start_w", Band.Soc(79.99).Pv(6000), THROTTLE_R1_ECO),
        new("SoC 70 %, stopped, PV 5999 W", Band.Soc(70).Pv(5999), NOOP_R1_SOC_HOLD_PV),
        new("SoC 70 %, running, no PV: keeps running throttled", Band.Soc(70).Running().Pv(0).HouseLoad(0), THROTTLE_R1_ECO),
        new("SoC 70 %, throttled, no PV", Band.Soc(70).Throttled().Pv(0).HouseLoad(0), THROTTLE_R1_ECO),
        new("SoC 58 % = soc_eco_start_pct, PV 6 kW", Band.Soc(58).Pv(6000), THROTTLE_R1_ECO),
        new("SoC 57.99 %", Band.Soc(57.99).Pv(6000), NOOP_R1_SOC_HOLD),
        new("SoC 57.99 %, running: left as it is", Band.Soc(57.99).Running(), NOOP_R1_SOC_HOLD),
        new("SoC 50 % = soc_stop_pct: no reserve stop", Band.Soc(50).Running(), NOOP_R1_SOC_HOLD),
        new("SoC 49.99 % < soc_stop_pct", Band.Soc(49.99).Running(), STOP_R1_SOC_RESERVE_STOP),
        new("reserve stop is protective: R5 does not hold it back", Band.Soc(40).Running().BlocksSinceChange(0), STOP_R1_SOC_RESERVE_STOP),
        new("R2's soft minimum does not apply in soc_band", Band.Soc(58).Pv(6000).Running(), THROTTLE_R1_ECO),
        new("the grid limit applies in soc_band", Band.Soc(95).GridImport(501), STOP_R2_GRID_IMPORT_EXCEEDED),
        new("the reserve is checked before the grid limit", Band.Soc(40).GridImport(900), STOP_R1_SOC_RESERVE_STOP),
        new("surplus does not matter in soc_band", Band.Soc(95).Pv(0).HouseLoad(3000), START_R1_SUPER),
        new("pv_start_w 3000: SoC 70 %, PV 3 kW", Band.Set("pv_start_w", 3000).Soc(70).Pv(3000), THROTTLE_R1_ECO),
        new("soc_super_pct 95: SoC 94 %", Band.Set("soc_super_pct", 95).Soc(94), START_R1_STANDARD),
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void RunsBySocBandAsRuleR1Says(Case row) => row.AssertDecides();
}
