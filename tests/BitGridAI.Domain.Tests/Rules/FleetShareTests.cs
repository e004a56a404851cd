using BitGridAI.Domain.Decisions;
using BitGridAI.Domain.Fleet;
using static BitGridAI.Domain.Decisions.DecisionCode;
using static BitGridAI.Domain.Tests.Site;

namespace BitGridAI.Domain.Tests.Rules;

/// <summary>
/// docs/fleet.md: with a fleet share in its context the engine's step 5 follows the share instead of the surplus
/// thresholds; steps 1–4 still come first, and R4, the price, the soft band, R5 and SEMI still apply.
/// </summary>
public sealed class FleetShareTests
{
    public static TheoryData<Case> Rows => new()
    {
        new("stopped, share 1674 W (standard)", Sunny.Share(1674, 0), START_R1_FLEET_SHARE),
        new("stopped, share 2000 W (super)", Sunny.Share(2000, 0), START_R1_FLEET_SHARE),
        new("stopped, share 800 W (the lowest step)", Sunny.Share(800, 0), THROTTLE_R1_FLEET_SHARE),
        new("running, share 0", Sunny.Running().Share(0, 1674, FleetReason.NoBudget), STOP_R1_FLEET_NO_SHARE),
        new("stopped, share 0", Sunny.Share(0, 0, FleetReason.NoBudget), NOOP_R1_FLEET_NO_SHARE),
        new("SEMI, running, share 0: a suggested stop", Sunny.Semi().Running().Share(0, 1674, FleetReason.NoBudget), NOOP_R1_FLEET_NO_SHARE),
        new("SEMI, running, export pays more: a suggested stop", Sunny.Semi().Running().Share(0, 1674, FleetReason.ExportPaysMore), NOOP_R1_EXPORT_PAYS_MORE),
        new("max_value, running, export pays more", Sunny.Running().Share(0, 1674, FleetReason.ExportPaysMore), STOP_R1_EXPORT_PAYS_MORE),
        new("max_value, stopped, export pays more", Sunny.Share(0, 0, FleetReason.ExportPaysMore), NOOP_R1_EXPORT_PAYS_MORE),
        new("held by R5 in its minimum run time", Sunny.Running().BlocksSinceChange(1).Share(1674, 1674, FleetReason.Held), NOOP_R5_MIN_RUNTIME_NOT_REACHED),
        new("held by R5 in its minimum pause", Sunny.Stopped().BlocksSinceChange(1).Share(0, 0, FleetReason.Held), NOOP_R5_MIN_PAUSE_NOT_REACHED),
        new("a share that changes the actuator too soon is held by R5", Sunny.Running().BlocksSinceChange(1).Share(800, 1674), NOOP_R5_MIN_RUNTIME_NOT_REACHED),
        new("standard to super is no change of the actuator: R5 is silent", Sunny.Running().BlocksSinceChange(0).Share(2000, 1674), START_R1_FLEET_SHARE),
        new("soft band: a raise is held", Sunny.Soc(55).Share(1674, 0), NOOP_R2_SOC_SOFT_MIN),
        new("soft band: a keep is held", Sunny.Soc(55).Running().Share(1674, 1674), NOOP_R2_SOC_SOFT_MIN),
        new("soft band: lowering to the eco step passes", Sunny.Soc(55).Running().Share(800, 1674, FleetReason.SoftBandNoRaise), THROTTLE_R1_FLEET_SHARE),
        new("soft band: super lowered to standard passes", Sunny.Soc(55).Running().Share(1674, 2000, FleetReason.SoftBandNoRaise), START_R1_FLEET_SHARE),
        new("R4: too little forecast holds a raise", Sunny.Forecast(1).Share(1674, 0), NOOP_R4_FORECAST_PV_INSUFFICIENT),
        new("R4: too little forecast holds a keep", Sunny.Forecast(1).Running().Share(1674, 1674), NOOP_R4_FORECAST_PV_INSUFFICIENT),
        new("R4: too little forecast never holds a lowering", Sunny.Forecast(1).Running().Share(0, 1674, FleetReason.NoBudget), STOP_R1_FLEET_NO_SHARE),
        new("price above the maximum holds a raise", Sunny.Price(30).Share(800, 0), NOOP_R1_PRICE_TOO_HIGH),
        new("R3 comes before any share", Sunny.Running().Temp(90).Share(2000, 1674), STOP_R3_OVERTEMP),
        new("the grid limit comes before any share", Sunny.Running().GridImport(600).Share(2000, 1674), STOP_R2_GRID_IMPORT_EXCEEDED),
        new("a stop override comes before any share", Sunny.Running().Override(ActuatorState.Stop).Share(2000, 1674), STOP_OVR_MANUAL_OVERRIDE),
        new("the soc_band strategy ignores a share", Sunny.SocBand().Soc(95).Share(0, 0, FleetReason.NoBudget), START_R1_SUPER),
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void FollowsTheShareAfterTheProtectiveSteps(Case row) => row.AssertDecides();

    [Theory]
    [InlineData(2000, 0, 2000, "Super")]
    [InlineData(1674, 0, 1674, "Standard")]
    [InlineData(800, 1674, 800, "Eco")]
    [InlineData(0, 1674, 0, "None")]
    public void TheDecisionCarriesTheTargetAndItsMode(double target, double current, double expectedW, string expectedMode)
    {
        var decision = Sunny.Actuator(current > 0 ? ActuatorState.Start : ActuatorState.Stop).Share(target, current, target > 0 ? FleetReason.Allocated : FleetReason.NoBudget).Decide();

        Assert.Equal(expectedW, decision.TargetW);
        Assert.Equal(expectedMode, decision.Mode.ToString());
    }

    [Fact]
    public void AHeldMinerKeepsWhatItDraws()
    {
        var decision = Sunny.Running().BlocksSinceChange(1).Share(800, 1674).Decide();

        Assert.Equal(NOOP_R5_MIN_RUNTIME_NOT_REACHED, decision.Code);
        Assert.Equal(1674, decision.TargetW);
        Assert.Equal(THROTTLE_R1_FLEET_SHARE, decision.HeldBackProposal);
    }
}
