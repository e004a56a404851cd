using static BitGridAI.Domain.Decisions.DecisionCode;
using static BitGridAI.Domain.Tests.Site;

namespace BitGridAI.Domain.Tests.Rules;

/// <summary>RULES.md §2 step 6, R2 (defaults: hard min 50 %, soft min 58 %, max grid import 500 W): ≤ on SoC, strict > on grid.</summary>
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
        new("SoC in the soft band is reported before the grid limit", Sunny.Soc(55).GridImport(900), NOOP_R2_SOC_SOFT_MIN),
        new("the hard minimum is protective: R5 does not hold it back", Sunny.Running().BlocksSinceChange(0).Soc(45), STOP_R2_SOC_HARD_MIN),
        new("the grid limit is protective: R5 does not hold it back", Sunny.Running().BlocksSinceChange(0).GridImport(600), STOP_R2_GRID_IMPORT_EXCEEDED),
        new("a running miner in the soft band keeps running", Sunny.Running().Soc(55), NOOP_R2_SOC_SOFT_MIN),
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void ProtectsBatteryAndGridAsRuleR2Says(Case row) => row.AssertDecides();
}
