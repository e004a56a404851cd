using static BitGridAI.Domain.Decisions.DecisionCode;
using static BitGridAI.Domain.Tests.Site;

namespace BitGridAI.Domain.Tests.Rules;

/// <summary>
/// RULES.md §2 steps 3 and 9: MANUAL leaves the miner alone; SEMI turns every stop of steps 4–8
/// into a suggestion (NOOP with the same rule and reason) while R3 still stops.
/// </summary>
public sealed class ManualAndSemiTests
{
    public static TheoryData<Case> Rows => new()
    {
        new("MANUAL on a sunny site", Sunny.Manual(), NOOP_MANUAL_MODE),
        new("MANUAL with a running miner and no surplus", Sunny.Manual().Running().Pv(0), NOOP_MANUAL_MODE),
        new("MANUAL with PV missing: step 3 comes before data quality", Sunny.Manual().Pv(null), NOOP_MANUAL_MODE),
        new("MANUAL with the battery at 10 %", Sunny.Manual().Running().Soc(10), NOOP_MANUAL_MODE),

        new("FULL: PV missing stops", Sunny.Running().Pv(null), STOP_DQ_SIGNAL_MISSING),
        new("SEMI: PV missing is a suggested stop", Sunny.Semi().Running().Pv(null), NOOP_DQ_SIGNAL_MISSING),
        new("FULL soc_band: SoC 40 % below the reserve stops", Sunny.SocBand().Running().Soc(40), STOP_R1_SOC_RESERVE_STOP),
        new("SEMI soc_band: SoC 40 % below the reserve is a suggested stop", Sunny.Semi().SocBand().Running().Soc(40), NOOP_R1_SOC_RESERVE_STOP),
        new("FULL: SoC at the hard minimum stops", Sunny.Running().Soc(50), STOP_R2_SOC_HARD_MIN),
        new("SEMI: SoC at the hard minimum is a suggested stop", Sunny.Semi().Running().Soc(50), NOOP_R2_SOC_HARD_MIN),
        new("autonomy not configured behaves as FULL", Sunny.Autonomy(Decisions.Autonomy.Unknown).Running().Soc(50), STOP_R2_SOC_HARD_MIN),
        new("FULL: grid limit exceeded stops", Sunny.Running().GridImport(600), STOP_R2_GRID_IMPORT_EXCEEDED),
        new("SEMI: grid limit exceeded is a suggested stop", Sunny.Semi().Running().GridImport(600), NOOP_R2_GRID_IMPORT_EXCEEDED),
        new("FULL: a running miner loses its surplus and stops", Sunny.Running().SurplusKw(-0.5), STOP_R1_SURPLUS_LOST),
        new("SEMI: a lost surplus is a suggested stop", Sunny.Semi().Running().SurplusKw(-0.5), NOOP_R1_SURPLUS_LOST),
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
    public void LeavesStopsToAPersonAsTheAutonomyLevelSays(Case row) => row.AssertDecides();
}
