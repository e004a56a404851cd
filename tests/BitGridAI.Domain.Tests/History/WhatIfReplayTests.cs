using BitGridAI.Domain.History;

namespace BitGridAI.Domain.Tests.History;

/// <summary>The closed-loop what-if over recorded blocks (docs/kpis.md, "What-if").</summary>
public sealed class WhatIfReplayTests
{
    private static readonly RecordedHistory WithBattery = RecordedDays.Closed(432);
    private static readonly RecordedHistory WithoutBattery = RecordedDays.Closed(432, battery: false);

    [Fact]
    public void Every_recorded_decision_is_reproduced_by_its_own_config()
    {
        var report = DeterminismCheck.Run(WithBattery);

        Assert.Equal(432, report.Checked);
        Assert.Empty(report.Mismatches);
    }

    [Fact]
    public void A_changed_recorded_code_is_a_mismatch()
    {
        var blocks = WithBattery.Blocks.ToList();
        var b = blocks[200];
        blocks[200] = new RecordedBlock(b.BlockIndex, b.Config, b.Site, b.MinerPowerW, [b.Decisions[0] with { Code = Decisions.DecisionCode.NOOP_MANUAL_MODE }], b.Events);

        var report = DeterminismCheck.Run(WithBattery with { Blocks = blocks });

        Assert.Equal(b.BlockIndex, Assert.Single(report.Mismatches).BlockIndex);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void The_recorded_thresholds_change_no_decision_and_no_kpi(bool battery)
    {
        var report = WhatIfReplay.Run(battery ? WithBattery : WithoutBattery, c => c);

        Assert.Empty(report.Changed);
        Assert.Equal(report.Recorded.MinerKwh, report.WhatIf.MinerKwh);
        Assert.Equal(report.Recorded.ImportKwh, report.WhatIf.ImportKwh);
        Assert.Equal(report.Recorded.ExportKwh, report.WhatIf.ExportKwh);
        Assert.Equal(report.Recorded.ActuatorChanges, report.WhatIf.ActuatorChanges);
    }

    [Theory]
    // surplus_min_kw, surplus_throttle_min_kw → sign of the miner energy delta and of the export delta
    [InlineData(6.0, 5.0, -1, 1)]
    [InlineData(1.0, 0.3, 1, -1)]
    public void Other_thresholds_change_decisions_and_the_energy_follows(double surplusMin, double throttleMin, int minerSign, int exportSign)
    {
        var report = WhatIfReplay.Run(WithBattery, c => c with { SurplusMinKw = surplusMin, SurplusThrottleMinKw = throttleMin });

        Assert.NotEmpty(report.Changed);
        Assert.Equal(minerSign, Math.Sign(report.WhatIf.MinerKwh!.Value - report.Recorded.MinerKwh!.Value));
        Assert.Equal(exportSign, Math.Sign(Math.Round(report.WhatIf.ExportKwh!.Value - report.Recorded.ExportKwh!.Value, 6)));
        Assert.Contains("battery SoC and grid import/export (HomeBattery", report.Resimulated, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_battery_section_the_grid_takes_the_draw_difference_and_it_says_so()
    {
        var report = WhatIfReplay.Run(WithoutBattery, c => c with { SurplusMinKw = 6, SurplusThrottleMinKw = 5 });

        Assert.NotEmpty(report.Changed);
        Assert.True(report.WhatIf.MinerKwh < report.Recorded.MinerKwh);
        // Less mining with no battery to take it: less import or more export, by exactly the energy not mined.
        Assert.True(report.WhatIf.ImportKwh <= report.Recorded.ImportKwh);
        Assert.True(report.WhatIf.ExportKwh >= report.Recorded.ExportKwh);
        var gridShift = (report.WhatIf.ExportKwh - report.WhatIf.ImportKwh) - (report.Recorded.ExportKwh - report.Recorded.ImportKwh);
        Assert.Equal((report.Recorded.MinerKwh - report.WhatIf.MinerKwh)!.Value, gridShift!.Value, 6);
        Assert.Contains("no battery section", report.Resimulated, StringComparison.Ordinal);
    }

    [Fact]
    public void Each_miner_carries_its_own_track_so_r5_holds_in_the_what_if()
    {
        // With a long minimum runtime the what-if may not stop a miner it started within that many blocks.
        var report = WhatIfReplay.Run(WithBattery, c => c with { MinRuntimeBlocks = 12 });

        Assert.Contains(report.Changed, d => d.Replayed == Decisions.DecisionCode.NOOP_R5_MIN_RUNTIME_NOT_REACHED);
        Assert.True(report.WhatIf.ActuatorChanges < report.Recorded.ActuatorChanges);
    }
}
