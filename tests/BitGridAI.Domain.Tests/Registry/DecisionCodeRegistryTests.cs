using BitGridAI.Domain.Config;
using BitGridAI.Domain.Decisions;
using BitGridAI.Domain.Signals;
using static BitGridAI.Domain.Decisions.DecisionCode;

namespace BitGridAI.Domain.Tests.Registry;

/// <summary>RULES.md §4: every code is registered, named {ACTION}_{RULE}_{REASON}, with the mode it asks for.</summary>
public sealed class DecisionCodeRegistryTests
{
    private static readonly DecisionCode[] EveryCode = Enum.GetValues<DecisionCode>().Where(c => c != DecisionCode.Unknown).ToArray();

    [Fact]
    public void RegistersEveryDecisionCodeExactlyOnce()
    {
        Assert.Equal(EveryCode.Order(), DecisionCodes.All.Select(i => i.Code).Order());
        foreach (var code in EveryCode)
        {
            Assert.Equal(code, DecisionCodes.Info(code).Code);
        }
    }

    [Fact]
    public void RefusesToDescribeTheUnknownCode()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => DecisionCodes.Info(DecisionCode.Unknown));
    }

    [Fact]
    public void EveryNameIsActionRuleAndReasonJoinedByUnderscores()
    {
        foreach (var info in DecisionCodes.All)
        {
            Assert.Equal(info.Code.ToString(), info.Name);
            Assert.Equal($"{info.Action.ToString().ToUpperInvariant()}_{info.Rule}_{info.Reason}", info.Name);
            Assert.False(string.IsNullOrWhiteSpace(info.Summary), info.Name);
        }
    }

    public static TheoryData<DecisionCode, DecisionAction, RuleId, string> Splits => new()
    {
        { STOP_R3_OVERTEMP, DecisionAction.Stop, RuleId.R3, "OVERTEMP" },
        { STOP_R3_DECISION_EXPIRED, DecisionAction.Stop, RuleId.R3, "DECISION_EXPIRED" },
        { START_OVR_MANUAL_OVERRIDE, DecisionAction.Start, RuleId.OVR, "MANUAL_OVERRIDE" },
        { NOOP_MANUAL_MODE, DecisionAction.Noop, RuleId.MANUAL, "MODE" },
        { STOP_DQ_SIGNAL_MISSING, DecisionAction.Stop, RuleId.DQ, "SIGNAL_MISSING" },
        { NOOP_R1_SOC_RESERVE_STOP, DecisionAction.Noop, RuleId.R1, "SOC_RESERVE_STOP" },
        { STOP_R2_GRID_IMPORT_EXCEEDED, DecisionAction.Stop, RuleId.R2, "GRID_IMPORT_EXCEEDED" },
        { NOOP_R4_FORECAST_PRICE_SPIKE, DecisionAction.Noop, RuleId.R4, "FORECAST_PRICE_SPIKE" },
        { THROTTLE_R1_ECO, DecisionAction.Throttle, RuleId.R1, "ECO" },
        { NOOP_R5_MIN_RUNTIME_NOT_REACHED, DecisionAction.Noop, RuleId.R5, "MIN_RUNTIME_NOT_REACHED" },
    };

    [Theory]
    [MemberData(nameof(Splits))]
    public void SplitsTheNameIntoActionRuleAndReason(DecisionCode code, DecisionAction action, RuleId rule, string reason)
    {
        var info = DecisionCodes.Info(code);

        Assert.Equal(action, info.Action);
        Assert.Equal(rule, info.Rule);
        Assert.Equal(reason, info.Reason);
    }

    [Fact]
    public void ModesFollowRulesMdSectionFour()
    {
        foreach (var info in DecisionCodes.All)
        {
            var expected = info.Action switch
            {
                DecisionAction.Throttle => MinerMode.Eco,
                DecisionAction.Start => info.Code == START_R1_SUPER ? MinerMode.Super : MinerMode.Standard,
                _ => MinerMode.None,
            };
            Assert.True(expected == info.Mode, $"{info.Name}: expected {expected}, registered {info.Mode}");
        }
        Assert.Equal(MinerMode.Super, DecisionCodes.Info(START_R1_SUPER).Mode);
        Assert.Equal(MinerMode.Standard, DecisionCodes.Info(START_R1_STANDARD).Mode);
        Assert.Equal(MinerMode.Standard, DecisionCodes.Info(START_OVR_MANUAL_OVERRIDE).Mode);
        Assert.Equal(MinerMode.Eco, DecisionCodes.Info(THROTTLE_OVR_MANUAL_OVERRIDE).Mode);
        Assert.Equal(MinerMode.None, DecisionCodes.Info(STOP_OVR_MANUAL_OVERRIDE).Mode);
    }

    [Fact]
    public void ParsesEveryNameBackToItsCode()
    {
        foreach (var code in EveryCode)
        {
            Assert.True(DecisionCodes.TryParse(code.ToString(), out var parsed));
            Assert.Equal(code, parsed);
        }
        Assert.False(DecisionCodes.TryParse("STOP_R9_NOTHING", out _));
        Assert.False(DecisionCodes.TryParse("Unknown", out _));
    }

    /// <summary>RULES.md §2 v3 step 8: the one economic stop; every protective stop acts on its own.</summary>
    public static TheoryData<DecisionCode, DecisionCode> SemiSuggestions => new()
    {
        { STOP_R1_SURPLUS_LOST, NOOP_R1_SURPLUS_LOST },
        { STOP_R1_FLEET_NO_SHARE, NOOP_R1_FLEET_NO_SHARE },
        { STOP_R1_EXPORT_PAYS_MORE, NOOP_R1_EXPORT_PAYS_MORE },
    };

    [Theory]
    [MemberData(nameof(SemiSuggestions))]
    public void SemiSuggestsOnlyTheEconomicStopWithTheSameRuleAndReason(DecisionCode stop, DecisionCode suggestion)
    {
        Assert.Equal(suggestion, DecisionCodes.SemiSuggestion(stop));
        Assert.Equal(DecisionAction.Noop, DecisionCodes.Info(suggestion).Action);
        Assert.Equal(DecisionCodes.Info(stop).Rule, DecisionCodes.Info(suggestion).Rule);
        Assert.Equal(DecisionCodes.Info(stop).Reason, DecisionCodes.Info(suggestion).Reason);
    }

    [Fact]
    public void SemiLeavesEveryOtherCodeAsItIs()
    {
        var suggestedStops = ((IEnumerable<object[]>)SemiSuggestions).Select(row => (DecisionCode)row[0]).ToHashSet();
        foreach (var code in EveryCode.Where(c => !suggestedStops.Contains(c)))
        {
            Assert.Equal(code, DecisionCodes.SemiSuggestion(code));
        }
    }

    [Fact]
    public void EveryReportedParamIsASignalAConfigKeyOrANamedDerivedValue()
    {
        string[] derived =
        [
            "house_load_w", "surplus_kw", "reserved_w", "net_grid_import_w", "blocks_since_change", "lockout_elapsed_min",
            // a fleet share's (docs/fleet.md)
            "target_w", "current_w", "share_left_w", "fleet_surplus_w", "export_value_ct", "mining_value_sats", "mining_value_ct", "heat_value_ct",
        ];
        var known = SignalInfo.All.Select(SignalInfo.Name).Concat(ConfigKeys.AllNames).Concat(derived).ToHashSet();

        foreach (var info in DecisionCodes.All)
        {
            Assert.All(info.Params, p => Assert.Contains(p.Name, known));
            Assert.Equal(info.Params.Count, info.Params.Select(p => p.Name).Distinct().Count());
        }
    }

    /// <summary>
    /// v2's SEMI suggestions of protective stops are no longer produced (RULES.md §2 v3) but stay
    /// registered under their names: a stored or published decision must still read back.
    /// </summary>
    [Fact]
    public void RetiresExactlyTheSemiSuggestionsOfProtectiveStops()
    {
        var retired = DecisionCodes.All.Where(i => i.Retired).Select(i => i.Code).ToHashSet();

        Assert.Equal(new HashSet<DecisionCode> { NOOP_R1_SOC_RESERVE_STOP, NOOP_R2_SOC_HARD_MIN, NOOP_R2_GRID_IMPORT_EXCEEDED }, retired);
        Assert.All(retired, code => Assert.True(DecisionCodes.TryParse(code.ToString(), out _)));
    }

    /// <summary>RULES.md §4: a NOOP keeps the actuator, so its text says what that means for the miner.</summary>
    [Fact]
    public void EveryNoopSaysWhetherTheMinerKeepsRunningOrStaysStopped()
    {
        foreach (var info in DecisionCodes.All.Where(i => i.Action == DecisionAction.Noop && !i.Retired))
        {
            Assert.EndsWith("the miner keeps running at full power.", info.Explain(ActuatorState.Start));
            Assert.EndsWith("the miner keeps running throttled.", info.Explain(ActuatorState.Throttle));
            Assert.EndsWith("the miner stays stopped.", info.Explain(ActuatorState.Stop));
        }
    }

    /// <summary>Codes are stable identifiers (RULES.md §4: add, never rename); their numbers are stored too.</summary>
    public static TheoryData<int, string> StableCodes => new()
    {
        { 1, "STOP_R3_OVERTEMP" }, { 2, "STOP_R3_EMERGENCY_STOP" }, { 3, "STOP_R3_TEMP_UNKNOWN" },
        { 4, "STOP_R3_COMM_TIMEOUT" }, { 5, "STOP_R3_LOCKOUT_ACTIVE" }, { 6, "STOP_R3_DECISION_EXPIRED" },
        { 10, "START_OVR_MANUAL_OVERRIDE" }, { 11, "THROTTLE_OVR_MANUAL_OVERRIDE" }, { 12, "STOP_OVR_MANUAL_OVERRIDE" },
        { 20, "NOOP_MANUAL_MODE" }, { 30, "STOP_DQ_SIGNAL_MISSING" }, { 31, "NOOP_DQ_SIGNAL_MISSING" },
        { 40, "STOP_R1_SOC_RESERVE_STOP" }, { 41, "NOOP_R1_SOC_RESERVE_STOP" },
        { 50, "STOP_R2_SOC_HARD_MIN" }, { 51, "NOOP_R2_SOC_HARD_MIN" }, { 52, "NOOP_R2_SOC_SOFT_MIN" },
        { 53, "STOP_R2_GRID_IMPORT_EXCEEDED" }, { 54, "NOOP_R2_GRID_IMPORT_EXCEEDED" },
        { 60, "STOP_R1_SURPLUS_LOST" }, { 61, "NOOP_R1_SURPLUS_LOST" },
        { 70, "NOOP_R4_FORECAST_PV_INSUFFICIENT" }, { 71, "NOOP_R4_FORECAST_PRICE_SPIKE" },
        { 80, "NOOP_R1_INSUFFICIENT_SURPLUS" }, { 81, "NOOP_R1_PRICE_TOO_HIGH" },
        { 82, "THROTTLE_R1_SURPLUS_THROTTLE" }, { 83, "START_R1_SURPLUS_OK" },
        { 90, "START_R1_SUPER" }, { 91, "START_R1_STANDARD" }, { 92, "THROTTLE_R1_ECO" },
        { 93, "NOOP_R1_SOC_HOLD_PV" }, { 94, "NOOP_R1_SOC_HOLD" },
        { 100, "NOOP_R5_MIN_RUNTIME_NOT_REACHED" }, { 101, "NOOP_R5_MIN_PAUSE_NOT_REACHED" }, { 102, "NOOP_R5_DEADBAND_ACTIVE" },
    };

    [Theory]
    [MemberData(nameof(StableCodes))]
    public void KeepsEveryPublishedCodeUnderItsNameAndNumber(int number, string name)
    {
        Assert.Equal(name, DecisionCodes.Info((DecisionCode)number).Name);
    }
}
