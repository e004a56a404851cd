using BitGridAI.Domain.Config;
using BitGridAI.Domain.Decisions;
using BitGridAI.Domain.Overrides;
using static BitGridAI.Domain.Decisions.ActuatorState;
using static BitGridAI.Domain.Decisions.DecisionCode;
using static BitGridAI.Domain.Tests.Site;

namespace BitGridAI.Domain.Tests.Rules;

/// <summary>
/// RULES.md §2 v3 step 2: a person's STOP always stands; a person's START or THROTTLE wins over
/// everything but R3 and step 3's stops (missing data stops it even with hold), and is never softened.
/// </summary>
public sealed class OverrideTests
{
    /// <summary>No surplus at all: without the override the engine would not run the miner.</summary>
    private static readonly Site Dark = Sunny.Pv(0);

    public static TheoryData<Case> Rows => new()
    {
        new("START override at FULL autonomy, no surplus", Dark.Override(Start), START_OVR_MANUAL_OVERRIDE),
        new("THROTTLE override at FULL autonomy", Dark.Override(Throttle), THROTTLE_OVR_MANUAL_OVERRIDE),
        new("STOP override at FULL autonomy, plenty of surplus", Sunny.Override(Stop), STOP_OVR_MANUAL_OVERRIDE),
        new("START override at SEMI autonomy", Dark.Semi().Override(Start), START_OVR_MANUAL_OVERRIDE),
        new("THROTTLE override at SEMI autonomy", Dark.Semi().Override(Throttle), THROTTLE_OVR_MANUAL_OVERRIDE),
        new("STOP override at SEMI autonomy stays a STOP", Sunny.Semi().Override(Stop), STOP_OVR_MANUAL_OVERRIDE),
        new("START override at MANUAL autonomy", Dark.Manual().Override(Start), START_OVR_MANUAL_OVERRIDE),
        new("THROTTLE override at MANUAL autonomy", Dark.Manual().Override(Throttle), THROTTLE_OVR_MANUAL_OVERRIDE),
        new("STOP override at MANUAL autonomy", Sunny.Manual().Override(Stop), STOP_OVR_MANUAL_OVERRIDE),
        new("START override with autonomy not configured", Dark.Autonomy(Autonomy.Unknown).Override(Start), START_OVR_MANUAL_OVERRIDE),
        new("START override is not held back by R5", Dark.BlocksSinceChange(0).Override(Start), START_OVR_MANUAL_OVERRIDE),
        new("STOP override is not held back by R5", Sunny.Running().BlocksSinceChange(0).Override(Stop), STOP_OVR_MANUAL_OVERRIDE),
        new("START override beats the SoC soft minimum", Sunny.Soc(55).Override(Start), START_OVR_MANUAL_OVERRIDE),
        new("START override beats a forecast price spike", Sunny.Forecast(5).Price(40).Override(Start), START_OVR_MANUAL_OVERRIDE),
        new("START override just above the hard minimum", Sunny.Soc(50.01).Override(Start), START_OVR_MANUAL_OVERRIDE),
        new("START override at the grid limit exactly", Sunny.GridImport(500).Override(Start), START_OVR_MANUAL_OVERRIDE),
        new("soc_band START override at the reserve exactly", Sunny.SocBand().Soc(50).Override(Start), START_OVR_MANUAL_OVERRIDE),

        new("START override, PV missing", Sunny.Pv(null).Override(Start), STOP_DQ_SIGNAL_MISSING, Start),
        new("v3: START override, PV missing, data_fail_safe hold: the override is overruled by a STOP", Sunny.Pv(null).FailSafe(DataFailSafe.Hold).Override(Start), STOP_DQ_SIGNAL_MISSING, Start),
        new("v3: THROTTLE override, grid import missing, data_fail_safe hold", Sunny.Throttled().GridImport(null).FailSafe(DataFailSafe.Hold).Override(Throttle), STOP_DQ_SIGNAL_MISSING, Throttle),
        new("v3: START override, PV missing, hold, SoC at the hard minimum: missing data is reported first", Sunny.Pv(null).Soc(50).FailSafe(DataFailSafe.Hold).Override(Start), STOP_DQ_SIGNAL_MISSING, Start),
        new("THROTTLE override, SoC missing", Sunny.Soc(null).Override(Throttle), STOP_DQ_SIGNAL_MISSING, Throttle),
        new("START override, SoC at the hard minimum 50 %", Sunny.Soc(50).Override(Start), STOP_R2_SOC_HARD_MIN, Start),
        new("THROTTLE override, SoC below the hard minimum", Sunny.Soc(30).Override(Throttle), STOP_R2_SOC_HARD_MIN, Throttle),
        new("soc_band START override below the reserve", Sunny.SocBand().Soc(49.9).Override(Start), STOP_R1_SOC_RESERVE_STOP, Start),
        new("START override, net grid import 501 W > 500 W", Sunny.GridImport(501).Override(Start), STOP_R2_GRID_IMPORT_EXCEEDED, Start),
        new("START override, grid limit exceeded while SoC is in the soft band", Sunny.Soc(55).GridImport(600).Override(Start), STOP_R2_GRID_IMPORT_EXCEEDED, Start),
        new("soc_band START override, grid limit exceeded", Sunny.SocBand().GridImport(600).Override(Start), STOP_R2_GRID_IMPORT_EXCEEDED, Start),
        new("missing data is reported before the hard minimum", Sunny.Pv(null).Soc(40).Override(Start), STOP_DQ_SIGNAL_MISSING, Start),
        new("the hard minimum is reported before the grid limit", Sunny.Soc(40).GridImport(900).Override(Start), STOP_R2_SOC_HARD_MIN, Start),
        new("MANUAL START override, SoC at the hard minimum", Sunny.Manual().Soc(50).Override(Start), STOP_R2_SOC_HARD_MIN, Start),
        new("v3: SEMI START override, SoC at the hard minimum: a STOP, not softened", Sunny.Semi().Running().Soc(50).Override(Start), STOP_R2_SOC_HARD_MIN, Start),
        new("v3: SEMI START override, PV missing: a STOP, not softened", Sunny.Semi().Running().Pv(null).Override(Start), STOP_DQ_SIGNAL_MISSING, Start),
        new("v3: SEMI THROTTLE override over the grid limit: a STOP", Sunny.Semi().Throttled().GridImport(600).Override(Throttle), STOP_R2_GRID_IMPORT_EXCEEDED, Throttle),
        new("v3: MANUAL THROTTLE override over the grid limit: a STOP", Sunny.Manual().Throttled().GridImport(600).Override(Throttle), STOP_R2_GRID_IMPORT_EXCEEDED, Throttle),
        new("v3: START override in the soft band with the surplus lost: the override runs the miner", Sunny.Running().Soc(55).SurplusKw(-1).Override(Start), START_OVR_MANUAL_OVERRIDE),
        new("v3: a STOP override always stands: PV missing", Sunny.Running().Pv(null).Override(Stop), STOP_OVR_MANUAL_OVERRIDE),
        new("v3: a STOP override always stands: PV missing, hold", Sunny.Running().Pv(null).FailSafe(DataFailSafe.Hold).Override(Stop), STOP_OVR_MANUAL_OVERRIDE),
        new("v3: a STOP override always stands: SoC missing", Sunny.Running().Soc(null).Override(Stop), STOP_OVR_MANUAL_OVERRIDE),
        new("v3: a STOP override always stands: SoC at the hard minimum", Sunny.Running().Soc(50).Override(Stop), STOP_OVR_MANUAL_OVERRIDE),
        new("v3: a STOP override always stands: grid limit exceeded", Sunny.Running().GridImport(600).Override(Stop), STOP_OVR_MANUAL_OVERRIDE),
        new("v3: a STOP override always stands: soc_band below the reserve", Sunny.SocBand().Running().Soc(40).Override(Stop), STOP_OVR_MANUAL_OVERRIDE),
        new("v3: a STOP override always stands in SEMI: SoC at the hard minimum", Sunny.Semi().Running().Soc(50).Override(Stop), STOP_OVR_MANUAL_OVERRIDE),
        new("v3: a STOP override always stands in SEMI: PV missing", Sunny.Semi().Running().Pv(null).Override(Stop), STOP_OVR_MANUAL_OVERRIDE),
        new("v3: a STOP override always stands in MANUAL: grid limit exceeded", Sunny.Manual().Running().GridImport(600).Override(Stop), STOP_OVR_MANUAL_OVERRIDE),
        new("STOP override with SoC in the soft band", Sunny.Soc(55).Override(Stop), STOP_OVR_MANUAL_OVERRIDE),

        new("an override that expired a minute ago is ignored", Dark.Override(Start, Noon.AddMinutes(-1)), NOOP_R1_INSUFFICIENT_SURPLUS),
        new("an override expiring exactly now is ignored", Dark.Override(Start, Noon), NOOP_R1_INSUFFICIENT_SURPLUS),
        new("an override expiring in one second is active", Dark.Override(Start, Noon.AddSeconds(1)), START_OVR_MANUAL_OVERRIDE),
        new("an expired STOP override no longer keeps the miner stopped", Sunny.Override(Stop, Noon.AddMinutes(-1)), START_R1_SURPLUS_OK),
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void FollowsTheOverrideUnlessAProtectiveStepOverrulesIt(Case row) => row.AssertDecides();

    [Fact]
    public void MarksAnOverrideDecisionWithTheOverrideTrigger()
    {
        Assert.Equal(Trigger.Override, Dark.Override(Start).Decide().Trigger);
        Assert.Equal(Trigger.BlockTick, Dark.Decide().Trigger);
    }

    [Fact]
    public void AnOverrideRequestExpiresAfterItsDuration()
    {
        var (ovr, error) = OverrideRequest.Create(Start, 120, Noon, EngineConfig.Default);

        Assert.Null(error);
        Assert.Equal(new ManualOverride(Start, Noon.AddMinutes(120)), ovr);
        Assert.True(ovr.IsActiveAt(Noon.AddMinutes(119.9)));
        Assert.False(ovr.IsActiveAt(Noon.AddMinutes(120)));
    }

    [Theory]
    [InlineData(120.5)]
    [InlineData(121)]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void RefusesAnOverrideLongerThanMaxOverrideMinOrNotPositive(double durationMin)
    {
        var (ovr, error) = OverrideRequest.Create(Start, durationMin, Noon, EngineConfig.Default);

        Assert.Equal(ManualOverride.None, ovr);
        Assert.NotNull(error);
        Assert.StartsWith("duration_min", error);
        Assert.Contains("max_override_min = 120", error);
    }

    [Fact]
    public void AllowsADayLongOverrideWhenMaxOverrideMinIs1440()
    {
        var config = EngineConfig.Default with { MaxOverrideMin = 1440 };

        var (ovr, error) = OverrideRequest.Create(Stop, 1440, Noon, config);

        Assert.Null(error);
        Assert.Equal(Noon.AddDays(1), ovr.ExpiresAt);
    }

    [Fact]
    public void RefusesAnOverrideWithoutAnAction()
    {
        var (ovr, error) = OverrideRequest.Create(ActuatorState.Unknown, 10, Noon, EngineConfig.Default);

        Assert.False(ovr.IsActiveAt(Noon));
        Assert.NotNull(error);
        Assert.StartsWith("action", error);
    }
}
