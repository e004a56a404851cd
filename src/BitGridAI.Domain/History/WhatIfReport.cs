using BitGridAI.Domain.Kpis;

namespace BitGridAI.Domain.History;

/// <summary>
/// The outcome of a what-if replay: the decisions that came out differently, the KPIs as recorded and under the
/// what-if configuration over the same blocks, and which quantities were re-simulated.
/// </summary>
public sealed record WhatIfReport(
    int Decided,
    IReadOnlyList<DecisionDifference> Changed,
    KpiTotals Recorded,
    KpiTotals WhatIf,
    int BlocksWithBattery,
    int BlocksWithoutBattery)
{
    /// <summary>One line naming what the what-if re-simulated and what it kept as recorded.</summary>
    public string Resimulated => (BlocksWithBattery, BlocksWithoutBattery) switch
    {
        (0, _) => "re-simulated: miner draw (mode draws of the recorded config) and grid import/export (the draw difference comes off the export first, then from the grid); kept as recorded: PV, house load and battery SoC (the recorded config has no battery section)",
        (_, 0) => "re-simulated: miner draw (mode draws of the recorded config), battery SoC and grid import/export (HomeBattery of the recorded config, from the recorded SoC); kept as recorded: PV and house load",
        _ => $"re-simulated: miner draw (mode draws of the recorded config); battery SoC and grid import/export in the {BlocksWithBattery} blocks whose config has a battery section; in the other {BlocksWithoutBattery} the grid takes the draw difference and SoC is kept as recorded; kept as recorded: PV and house load",
    };
}
