using System.Text.RegularExpressions;
using BitGridAI.Cli.Tests.Support;
using BitGridAI.Domain.Decisions;
using static BitGridAI.Domain.Decisions.DecisionCode;

namespace BitGridAI.Cli.Tests.Synth;

/// <summary>
/// RULES.md §7: a replay at default config can produce every code except those that need an option
/// the defaults do not set. The synthetic year is the series that proves it, so a code added to the
/// registry fails here until it is either produced by the year or placed below with its reason.
/// </summary>
public sealed partial class SynthCoverageTests
{
    private static readonly Dictionary<DecisionCode, string> NotReachableAtDefaultConfig = new()
    {
        [STOP_R3_EMERGENCY_STOP] = "needs an emergency stop",
        [STOP_R3_DECISION_EXPIRED] = "only the miner grain's dead-man's switch produces it",
        [START_OVR_MANUAL_OVERRIDE] = "needs an override",
        [THROTTLE_OVR_MANUAL_OVERRIDE] = "needs an override",
        [STOP_OVR_MANUAL_OVERRIDE] = "needs an override",
        [NOOP_MANUAL_MODE] = "needs MANUAL autonomy",
        [NOOP_DQ_SIGNAL_MISSING] = "needs data_fail_safe hold",
        [NOOP_R1_SOC_RESERVE_STOP] = "retired in rules v3: SEMI no longer softens a protective stop",
        [NOOP_R2_SOC_HARD_MIN] = "retired in rules v3: SEMI no longer softens a protective stop",
        [NOOP_R2_GRID_IMPORT_EXCEEDED] = "retired in rules v3: SEMI no longer softens a protective stop",
        [NOOP_R1_SURPLUS_LOST] = "needs SEMI",
        [STOP_R1_SOC_RESERVE_STOP] = "needs the soc_band strategy",
        [START_R1_SUPER] = "needs the soc_band strategy",
        [START_R1_STANDARD] = "needs the soc_band strategy",
        [THROTTLE_R1_ECO] = "needs the soc_band strategy",
        [NOOP_R1_SOC_HOLD_PV] = "needs the soc_band strategy",
        [NOOP_R1_SOC_HOLD] = "needs the soc_band strategy",
        [NOOP_R5_DEADBAND_ACTIVE] = "needs min runtime and min pause lowered below the deadband",
        // Replay decides one miner (RULES.md §7's CSV has one); a fleet share needs several (docs/fleet.md).
        [START_R1_FLEET_SHARE] = "needs a site with several miners",
        [THROTTLE_R1_FLEET_SHARE] = "needs a site with several miners",
        [STOP_R1_FLEET_NO_SHARE] = "needs a site with several miners",
        [NOOP_R1_FLEET_NO_SHARE] = "needs a site with several miners",
        [STOP_R1_EXPORT_PAYS_MORE] = "needs a site with several miners and the max_value policy",
        [NOOP_R1_EXPORT_PAYS_MORE] = "needs a site with several miners and the max_value policy",
    };

    [Fact]
    public void Replaying_a_synthetic_year_at_default_config_produces_every_code_reachable_at_default_config()
    {
        var csv = Bitgrid.Run("synth", "--days", "365", "--seed", "1").Out;

        var result = Series.Replay(csv);

        Assert.Equal(0, result.ExitCode);
        var produced = CodeInLine().Matches(result.Out).Select(m => m.Groups[1].Value).ToHashSet();
        var expected = DecisionCodes.All.Where(i => !NotReachableAtDefaultConfig.ContainsKey(i.Code)).Select(i => i.Name).ToHashSet();
        Assert.True(expected.IsSubsetOf(produced),
            $"the synthetic year never produced {string.Join(", ", expected.Except(produced))}: make the year produce it or place it in NotReachableAtDefaultConfig with its reason");
        Assert.True(produced.IsSubsetOf(expected),
            $"the year at default config produced {string.Join(", ", produced.Except(expected))}, which RULES.md §7 says needs another option");
        Assert.Equal(365 * 144, result.OutLines.Count);
    }

    [Fact]
    public void Every_code_left_out_of_the_year_is_a_registered_code_that_the_year_cannot_produce()
    {
        var registered = DecisionCodes.All.Select(i => i.Code).ToHashSet();

        Assert.All(NotReachableAtDefaultConfig.Keys, code => Assert.Contains(code, registered));
        Assert.True(registered.Count - NotReachableAtDefaultConfig.Count >= 15,
            "most codes must come from the year; a long exclusion list would make the coverage test hollow");
    }

    [GeneratedRegex("\"decision_code\":\"([A-Z0-9_]+)\"")]
    private static partial Regex CodeInLine();
}
