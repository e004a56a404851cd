using BitGridAI.Domain.Decisions;
using static BitGridAI.Domain.Decisions.DecisionCode;
using static BitGridAI.Domain.Tests.Site;

namespace BitGridAI.Domain.Tests.Rules;

/// <summary>
/// RULES.md §2 v3 steps 4 and 8: MANUAL leaves the economics to a person and SEMI leaves the one
/// economic stop (a lost surplus) to a person; neither softens or skips R3 or a protective stop.
/// </summary>
public sealed class ManualAndSemiTests
{
    public static TheoryData<Case> Rows => new()
    {
        new("MANUAL on a sunny site", Sunny.Manual(), NOOP_MANUAL_MODE),
        new("MANUAL with a running miner and no surplus", Sunny.Manual().Running().Pv(0), NOOP_MANUAL_MODE),
        new("MANUAL with a running miner in the soft band: step 4 comes before the soft band", Sunny.Manual().Running().Soc(55), NOOP_MANUAL_MODE),
        new("v3: MANUAL with PV missing stops (data quality comes first)", Sunny.Manual().Running().Pv(null), STOP_DQ_SIGNAL_MISSING),
        new("v3: MANUAL with PV missing and data_fail_safe hold holds", Sunny.Manual().Running().Pv(null).FailSafe(DataFailSafe.Hold), NOOP_DQ_SIGNAL_MISSING),
        new("v3: MANUAL with SoC missing stops", Sunny.Manual().Running().Soc(null), STOP_DQ_SIGNAL_MISSING),
        new("v3: MANUAL with the battery at 10 % stops", Sunny.Manual().Running().Soc(10), STOP_R2_SOC_HARD_MIN),
        new("v3: MANUAL over the grid limit stops", Sunny.Manual().Throttled().GridImport(600), STOP_R2_GRID_IMPORT_EXCEEDED),
        new("v3: MANUAL soc_band below the reserve stops", Sunny.Manual().SocBand().Running().Soc(40), STOP_R1_SOC_RESERVE_STOP),

        new("FULL: PV missing stops", Sunny.Running().Pv(null), STOP_DQ_SIGNAL_MISSING),
        new("v3: SEMI: PV missing stops as in FULL", Sunny.Semi().Running().Pv(null), STOP_DQ_SIGNAL_MISSING),
        new("v3: SEMI: grid import missing stops", Sunny.Semi().Running().GridImport(null), STOP_DQ_SIGNAL_MISSING),
        new("FULL soc_band: SoC 40 % below the reserve stops", Sunny.SocBand().Running().Soc(40), STOP_R1_SOC_RESERVE_STOP),
        new("v3: SEMI soc_band: SoC 40 % below the reserve stops", Sunny.Semi().SocBand().Running().Soc(40), STOP_R1_SOC_RESERVE_STOP),
        new("FULL: SoC at the hard minimum stops", Sunny.Running().Soc(50), STOP_R2_SOC_HARD_MIN),
        new("v3: SEMI: SoC at the hard minimum stops", Sunny.Semi().Running().Soc(50), STOP_R2_SOC_HARD_MIN),
        new("autonomy not configured behaves as FULL", Sunny.Autonomy(Decisions.Autonomy.Unknown).Running().Soc(50), STOP_R2_SOC_HARD_MIN),
        new("FULL: grid limit exceeded stops", Sunny.Running().GridImport(600), STOP_R2_GRID_IMPORT_EXCEEDED),
        new("v3: SEMI: grid limit exceeded stops", Sunny.Semi().Running().GridImport(600), STOP_R2_GRID_IMPORT_EXCEEDED),
        new("v3: SEMI: protective stops are not held back by R5 either", Sunny.Semi().Running().BlocksSinceChange(0).GridImport(600), STOP_R2_GRID_IMPORT_EXCEEDED),
        new("FULL: a running miner loses its surplus and stops", Sunny.Running().SurplusKw(-0.5), STOP_R1_SURPLUS_LOST),
        new("SEMI: a lost surplus is a suggested stop", Sunny.Semi().Running().SurplusKw(-0.5), NOOP_R1_SURPLUS_LOST),
        new("SEMI: a throttled miner's lost surplus is a suggested stop", Sunny.Semi().Throttled().SurplusKw(-0.5), NOOP_R1_SURPLUS_LOST),
        new("SEMI: the soft minimum is a hold as in FULL", Sunny.Semi().Running().Soc(55), NOOP_R2_SOC_SOFT_MIN),
        new("SEMI starts on its own", Sunny.Semi(), START_R1_SURPLUS_OK),
        new("SEMI throttles on its own", Sunny.Semi().SurplusKw(1), THROTTLE_R1_SURPLUS_THROTTLE),
        new("SEMI soc_band starts on its own", Sunny.Semi().SocBand().Soc(95), START_R1_SUPER),
        new("SEMI: R3 overtemperature stays a STOP", Sunny.Semi().Running().Temp(86), STOP_R3_OVERTEMP),
        new("SEMI: the emergency stop stays a STOP", Sunny.Semi().Running().EmergencyStop(), STOP_R3_EMERGENCY_STOP),
        new("SEMI: a lost surplus held back by R5 stays an R5 hold", Sunny.Semi().Running().BlocksSinceChange(1).SurplusKw(-0.5), NOOP_R5_MIN_RUNTIME_NOT_REACHED),
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void LeavesOnlyTheEconomicsToAPersonAsTheAutonomyLevelSays(Case row) => row.AssertDecides();

    [Fact]
    public void ASuggestedStopSaysTheMinerKeepsRunning()
    {
        var decision = Sunny.Semi().Throttled().SurplusKw(-0.5).Decide();

        Assert.Equal("The PV surplus is gone and SEMI leaves the stop to a person (a suggested stop); the miner keeps running throttled.",
            decision.Explanation);
    }
}
