using BitGridAI.Domain.Decisions;
using CsCheck;

namespace BitGridAI.Domain.Tests.Properties;

/// <summary>
/// The promise of RULES.md §2 v3: no setting and no person can keep a miner running on missing data,
/// below the battery reserve or over the grid limit — and a person's stop always stops.
/// </summary>
public sealed class ProtectionPropertyTests
{
    private const int Iterations = 20_000;

    [Fact]
    public void NoSettingOrStartOverrideKeepsARunningMinerOnMissingDataBelowTheReserveOrOverTheGridLimit()
    {
        ProtectionGenerators.RunningMiner.Sample(site =>
        {
            if (ProtectionForbidsRunning(site) is { } why)
            {
                var decision = site.Decide();
                Assert.True(decision.Action == DecisionAction.Stop,
                    $"{why}, but {decision.Code} leaves the {site.Context.Actuator} miner running");
            }
        }, iter: Iterations, print: Generators.Describe);
    }

    [Fact]
    public void AStopOverrideAlwaysStops()
    {
        Generators.Site.Sample(site =>
        {
            var stopped = site with { Context = site.Context with { Override = new(ActuatorState.Stop, null) } };
            var decision = stopped.Decide();
            Assert.Equal(DecisionAction.Stop, decision.Action);
            Assert.True(decision.Code == DecisionCode.STOP_OVR_MANUAL_OVERRIDE || decision.Rule == RuleId.R3,
                $"{decision.Code} replaced a person's stop");
            Assert.False(decision.OverrideWasOverruled);
        }, iter: Iterations, print: Generators.Describe);
    }

    [Fact]
    public void SemiDecidesAsFullExceptThatALostSurplusWaitsForAPerson()
    {
        Generators.Site.Sample(site =>
        {
            var full = (site with { Context = site.Context with { Autonomy = Autonomy.Full } }).Decide().Code;
            var semi = (site with { Context = site.Context with { Autonomy = Autonomy.Semi } }).Decide().Code;
            Assert.Equal(full == DecisionCode.STOP_R1_SURPLUS_LOST ? DecisionCode.NOOP_R1_SURPLUS_LOST : full, semi);
        }, iter: Iterations, print: Generators.Describe);
    }

    /// <summary>RULES.md §2 step 3, written out independently of the engine; null when nothing forbids running.</summary>
    private static string? ProtectionForbidsRunning(Site site)
    {
        var s = site.State;
        var c = site.Config;
        if (s.BatterySocPct is not { } soc) return "SoC is missing";
        if (s.GridImportW is not { } import) return "grid import is missing";
        if (site.Context.Strategy == Strategy.SocBand && soc < c.SocStopPct) return $"SoC {soc} % < soc_stop_pct {c.SocStopPct}";
        if (site.Context.Strategy != Strategy.SocBand && soc <= c.SocHardMinPct) return $"SoC {soc} % ≤ soc_hard_min_pct {c.SocHardMinPct}";
        var netImport = import - (s.GridExportW ?? 0);
        if (netImport > c.MaxGridImportW) return $"net import {netImport} W > max_grid_import_w {c.MaxGridImportW}";
        return null;
    }
}
