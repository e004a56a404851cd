using static BitGridAI.Domain.Decisions.DecisionCode;
using static BitGridAI.Domain.Tests.Site;

namespace BitGridAI.Domain.Tests.Rules;

/// <summary>RULES.md §2 step 8, R5 (defaults: min runtime 3, min pause 2, deadband 2 blocks): it only holds back changes.</summary>
public sealed class R5StabilityTests
{
    private static readonly Site NoMinimums = Sunny.Set("min_runtime_blocks", 0).Set("min_pause_blocks", 0);

    public static TheoryData<Case> Rows => new()
    {
        new("running 2 blocks, proposal THROTTLE", Sunny.Running().BlocksSinceChange(2).SurplusKw(1), NOOP_R5_MIN_RUNTIME_NOT_REACHED),
        new("running 3 blocks = min_runtime_blocks, proposal THROTTLE", Sunny.Running().BlocksSinceChange(3).SurplusKw(1), THROTTLE_R1_SURPLUS_THROTTLE),
        new("running 2 blocks, surplus lost", Sunny.Running().BlocksSinceChange(2).SurplusKw(-1), NOOP_R5_MIN_RUNTIME_NOT_REACHED),
        new("running 3 blocks, surplus lost", Sunny.Running().BlocksSinceChange(3).SurplusKw(-1), STOP_R1_SURPLUS_LOST),
        new("throttled 1 block, proposal START", Sunny.Throttled().BlocksSinceChange(1), NOOP_R5_MIN_RUNTIME_NOT_REACHED),
        new("stopped 1 block, proposal START", Sunny.Stopped().BlocksSinceChange(1), NOOP_R5_MIN_PAUSE_NOT_REACHED),
        new("stopped 2 blocks = min_pause_blocks, proposal START", Sunny.Stopped().BlocksSinceChange(2), START_R1_SURPLUS_OK),
        new("stopped 0 blocks, proposal THROTTLE", Sunny.Stopped().BlocksSinceChange(0).SurplusKw(1), NOOP_R5_MIN_PAUSE_NOT_REACHED),
        new("soc_band, stopped 1 block, proposal START", Sunny.SocBand().Soc(95).BlocksSinceChange(1), NOOP_R5_MIN_PAUSE_NOT_REACHED),
        new("a NOOP is never filtered", Sunny.Stopped().BlocksSinceChange(0).SurplusKw(0), NOOP_R1_INSUFFICIENT_SURPLUS),
        new("a NOOP of R4 is never filtered", Sunny.Running().BlocksSinceChange(0).Forecast(1), NOOP_R4_FORECAST_PV_INSUFFICIENT),
        new("the same action is no change", Sunny.Running().BlocksSinceChange(0), START_R1_SURPLUS_OK),
        new("the same throttle is no change", Sunny.Throttled().BlocksSinceChange(0).SurplusKw(1), THROTTLE_R1_SURPLUS_THROTTLE),
        new("unknown actuator: R5 is silent", Sunny.Actuator(Decisions.ActuatorState.Unknown).BlocksSinceChange(0), START_R1_SURPLUS_OK),
        new("with the defaults the deadband is covered by min pause", Sunny.Stopped().BlocksSinceChange(1), NOOP_R5_MIN_PAUSE_NOT_REACHED),
        new("min runtime and pause 0: stopped 1 block, deadband 2", NoMinimums.Stopped().BlocksSinceChange(1), NOOP_R5_DEADBAND_ACTIVE),
        new("min runtime and pause 0: running 1 block, deadband 2", NoMinimums.Running().BlocksSinceChange(1).SurplusKw(1), NOOP_R5_DEADBAND_ACTIVE),
        new("min runtime and pause 0: stopped 2 blocks = deadband", NoMinimums.Stopped().BlocksSinceChange(2), START_R1_SURPLUS_OK),
        new("min_runtime_blocks 1: running 1 block, deadband 2 still holds", Sunny.Set("min_runtime_blocks", 1).Running().BlocksSinceChange(1).SurplusKw(-1), NOOP_R5_DEADBAND_ACTIVE),
        new("every R5 setting 0: a change at once", NoMinimums.Set("deadband_hold_blocks", 0).Stopped().BlocksSinceChange(0), START_R1_SURPLUS_OK),
        new("R3 is never filtered", Sunny.Running().BlocksSinceChange(0).Heartbeat(null), STOP_R3_COMM_TIMEOUT),
        new("missing data is never filtered", Sunny.Running().BlocksSinceChange(0).GridImport(null), STOP_DQ_SIGNAL_MISSING),
        new("the soc_band reserve is never filtered", Sunny.SocBand().Running().BlocksSinceChange(0).Soc(30), STOP_R1_SOC_RESERVE_STOP),
        new("the hard minimum is never filtered", Sunny.Running().BlocksSinceChange(0).Soc(30), STOP_R2_SOC_HARD_MIN),
        new("the grid limit is never filtered", Sunny.Running().BlocksSinceChange(0).GridImport(501), STOP_R2_GRID_IMPORT_EXCEEDED),
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void HoldsBackChangesThatComeTooSoonAsRuleR5Says(Case row) => row.AssertDecides();

    [Fact]
    public void RemembersTheProposalItHeldBack()
    {
        var held = Sunny.Running().BlocksSinceChange(1).SurplusKw(-1).Decide();
        var passed = Sunny.Running().BlocksSinceChange(3).SurplusKw(-1).Decide();

        Assert.Equal(STOP_R1_SURPLUS_LOST, held.HeldBackProposal);
        Assert.Equal(Decisions.DecisionCode.Unknown, passed.HeldBackProposal);
    }
}
