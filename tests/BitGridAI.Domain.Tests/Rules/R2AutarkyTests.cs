using BitGridAI.Domain.Config;
using static BitGridAI.Domain.Decisions.DecisionCode;
using static BitGridAI.Domain.Tests.Site;

namespace BitGridAI.Domain.Tests.Rules;

/// <summary>
/// RULES.md §2 v3, R2 (defaults: hard min 50 %, soft min 58 %, max grid import 500 W): ≤ on SoC, strict
/// > on grid. The hard minimum and the grid limit are protective (step 3); the soft band (step 6) acts
/// after the proposal: it forbids starting or raising power, but stops nothing and hides no stop.
/// </summary>
public sealed class R2AutarkyTests
{
    public static TheoryData<Case> Rows => new()
    {
        new("SoC 50 % = soc_hard_min_pct", Sunny.Running().Soc(50), STOP_R2_SOC_HARD_MIN),
        new("SoC 50.01 %: in the soft band", Sunny.Running().Soc(50.01), NOOP_R2_SOC_SOFT_MIN),
        new("SoC 58 % = soc_soft_min_pct", Sunny.Soc(58), NOOP_R2_SOC_SOFT_MIN),
        new("SoC 58.01 %", Sunny.Soc(58.01), START_R1_SURPLUS_OK),
        new("SoC 10 %, stopped: stays stopped", Sunny.Soc(10), STOP_R2_SOC_HARD_MIN),
        new("soc_hard_min_pct 20: SoC 30 % is in the soft band", Sunny.Set("soc_hard_min_pct", 20).Soc(30), NOOP_R2_SOC_SOFT_MIN),
        new("soc_soft_min_pct 70: SoC 65 %", Sunny.Set("soc_soft_min_pct", 70).Soc(65), NOOP_R2_SOC_SOFT_MIN),
        new("net grid import 500 W = max_grid_import_w", Sunny.GridImport(500), START_R1_SURPLUS_OK),
        new("net grid import 500.1 W", Sunny.GridImport(500.1), STOP_R2_GRID_IMPORT_EXCEEDED),
        new("import 900 W minus export 400 W = 500 W", Sunny.GridImport(900).GridExport(400), START_R1_SURPLUS_OK),
        new("import 901 W minus export 400 W = 501 W", Sunny.GridImport(901).GridExport(400), STOP_R2_GRID_IMPORT_EXCEEDED),
        new("export missing counts as 0: import 501 W", Sunny.GridImport(501).GridExport(null), STOP_R2_GRID_IMPORT_EXCEEDED),
        new("export missing counts as 0: import 500 W", Sunny.GridImport(500).GridExport(null), START_R1_SURPLUS_OK),
        new("max_grid_import_w 0: 1 W import", Sunny.Set("max_grid_import_w", 0).GridImport(1), STOP_R2_GRID_IMPORT_EXCEEDED),
        new("the hard minimum is reported before the grid limit", Sunny.Soc(40).GridImport(900), STOP_R2_SOC_HARD_MIN),
        new("v3: the grid limit stops a running miner in the soft band", Sunny.Running().Soc(55).GridImport(900), STOP_R2_GRID_IMPORT_EXCEEDED),
        new("v3: the grid limit is reported for a stopped miner in the soft band too", Sunny.Soc(55).GridImport(900), STOP_R2_GRID_IMPORT_EXCEEDED),
        new("the hard minimum is protective: R5 does not hold it back", Sunny.Running().BlocksSinceChange(0).Soc(45), STOP_R2_SOC_HARD_MIN),
        new("the grid limit is protective: R5 does not hold it back", Sunny.Running().BlocksSinceChange(0).GridImport(600), STOP_R2_GRID_IMPORT_EXCEEDED),
        new("a running miner in the soft band keeps running", Sunny.Running().Soc(55), NOOP_R2_SOC_SOFT_MIN),
        new("v3: a running miner in the soft band loses its surplus and stops", Sunny.Running().Soc(55).SurplusKw(-0.5), STOP_R1_SURPLUS_LOST),
        new("v3: a throttled miner in the soft band loses its surplus and stops", Sunny.Throttled().Soc(55).SurplusKw(-0.5), STOP_R1_SURPLUS_LOST),
        new("v3: a lost surplus in the soft band still waits for the minimum runtime", Sunny.Running().BlocksSinceChange(1).Soc(55).SurplusKw(-0.5), NOOP_R5_MIN_RUNTIME_NOT_REACHED),
        new("v3: SEMI turns a lost surplus in the soft band into a suggested stop", Sunny.Semi().Running().Soc(55).SurplusKw(-0.5), NOOP_R1_SURPLUS_LOST),
        new("soft band: a stopped miner with 4 kW surplus stays stopped", Sunny.Stopped().Soc(55), NOOP_R2_SOC_SOFT_MIN),
        new("soft band: a stopped miner with 1 kW surplus is not throttled on", Sunny.Stopped().Soc(55).SurplusKw(1), NOOP_R2_SOC_SOFT_MIN),
        new("soft band: a miner of unknown state is not started", Sunny.Actuator(Decisions.ActuatorState.Unknown).Soc(55), NOOP_R2_SOC_SOFT_MIN),
        new("soft band: a throttled miner with 4 kW surplus is not raised to full power", Sunny.Throttled().Soc(55), NOOP_R2_SOC_SOFT_MIN),
        new("soft band: a miner at full power with 4 kW surplus keeps its power", Sunny.Running().Soc(55), NOOP_R2_SOC_SOFT_MIN),
        new("soft band (safe reading): a miner at full power with 1 kW surplus is lowered to eco, it draws less from a low battery", Sunny.Running().Soc(55).SurplusKw(1), THROTTLE_R1_SURPLUS_THROTTLE),
        new("soft band: a running miner in the hysteresis (0.5 kW) keeps running", Sunny.Running().Soc(55).SurplusKw(0.5), NOOP_R2_SOC_SOFT_MIN),
        new("soft band: a running miner at surplus_stop_kw exactly keeps running", Sunny.Running().Soc(55).SurplusKw(0), NOOP_R2_SOC_SOFT_MIN),
        new("soft band: a forecast hold becomes the soft-band hold", Sunny.Soc(55).Forecast(1), NOOP_R2_SOC_SOFT_MIN),
        new("soft band: a price too high becomes the soft-band hold", Sunny.Soc(55).Price(40), NOOP_R2_SOC_SOFT_MIN),
        new("the soc_band strategy has no soft band: a throttled miner at 58 % keeps eco", Sunny.SocBand().Throttled().Soc(58), THROTTLE_R1_ECO),
        new("the soc_band strategy has no soft band: 55 % is below its eco band", Sunny.SocBand().Soc(55), NOOP_R1_SOC_HOLD),
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void ProtectsBatteryAndGridAsRuleR2Says(Case row) => row.AssertDecides();

    [Fact]
    public void TheSoftBandNamesTheStartItHeldBack()
    {
        var decision = Sunny.Stopped().Soc(55).Decide();

        Assert.Equal(NOOP_R2_SOC_SOFT_MIN, decision.Code);
        Assert.Equal(START_R1_SURPLUS_OK, decision.HeldBackProposal);
        Assert.Equal("Battery is at its soft minimum: nothing starts and nothing raises its power; the miner stays stopped.", decision.Explanation);
    }

    [Fact]
    public void TheSoftBandSaysARunningMinerKeepsItsPower()
    {
        Assert.EndsWith("the miner keeps running at full power.", Sunny.Running().Soc(55).Decide().Explanation);
        Assert.EndsWith("the miner keeps running throttled.", Sunny.Throttled().Soc(55).Decide().Explanation);
    }

    [Theory]
    [InlineData(nameof(EngineConfig.MaxGridImportW), "STOP_R2_GRID_IMPORT_EXCEEDED")]
    [InlineData(nameof(EngineConfig.SocHardMinPct), "STOP_R2_SOC_HARD_MIN")]
    public void ANaNLimitFromAnUnvalidatedConfigStopsInsteadOfSwitchingTheCheckOff(string limit, string expected)
    {
        var config = limit == nameof(EngineConfig.MaxGridImportW)
            ? EngineConfig.Default with { MaxGridImportW = double.NaN }
            : EngineConfig.Default with { SocHardMinPct = double.NaN };

        var decision = (Sunny.Running() with { Config = config }).Decide();

        Assert.Equal(expected, decision.Code.ToString());
    }
}
