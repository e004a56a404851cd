using BitGridAI.Domain.Config;
using BitGridAI.Domain.Signals;
using static BitGridAI.Domain.Decisions.DecisionCode;

namespace BitGridAI.Domain.Decisions;

/// <summary>
/// The registry of every decision code: what it means in one line and which params the deciding
/// rule reports. Enumerable, so tests and docs can check that nothing is left out.
/// </summary>
public static class DecisionCodes
{
    private static readonly DecisionCodeInfo[] ByNumber;

    static DecisionCodes()
    {
        All = Definitions().ToArray();
        ByNumber = new DecisionCodeInfo[All.Max(i => (int)i.Code) + 1];
        foreach (var info in All)
        {
            ByNumber[(int)info.Code] = info;
        }
    }

    /// <summary>Every code, in the order of RULES.md §2.</summary>
    public static IReadOnlyList<DecisionCodeInfo> All { get; }

    public static DecisionCodeInfo Info(DecisionCode code) => ByNumber[(int)code]
        ?? throw new ArgumentOutOfRangeException(nameof(code), code, "not a registered decision code");

    public static bool TryParse(string name, out DecisionCode code)
    {
        code = All.FirstOrDefault(i => i.Name == name)?.Code ?? DecisionCode.Unknown;
        return code != DecisionCode.Unknown;
    }

    /// <summary>The suggestion SEMI autonomy shows instead of a stop of steps 4–8 (same rule and reason, action NOOP).</summary>
    public static DecisionCode SemiSuggestion(DecisionCode stop) => stop switch
    {
        STOP_DQ_SIGNAL_MISSING => NOOP_DQ_SIGNAL_MISSING,
        STOP_R1_SOC_RESERVE_STOP => NOOP_R1_SOC_RESERVE_STOP,
        STOP_R2_SOC_HARD_MIN => NOOP_R2_SOC_HARD_MIN,
        STOP_R2_GRID_IMPORT_EXCEEDED => NOOP_R2_GRID_IMPORT_EXCEEDED,
        STOP_R1_SURPLUS_LOST => NOOP_R1_SURPLUS_LOST,
        _ => stop,
    };

    private static IEnumerable<DecisionCodeInfo> Definitions()
    {
        var soc = DecisionParam.Of(Signal.BatterySocPct);
        var pv = DecisionParam.Of(Signal.PvPowerW);
        var temp = DecisionParam.Of(Signal.MinerTempC);
        var heartbeat = DecisionParam.Of(Signal.MinerHeartbeatAgeSec);
        var price = DecisionParam.Of(Signal.EnergyPriceCtKwh);
        var forecast = DecisionParam.Of(Signal.PvForecastKw);
        var gridImport = DecisionParam.Of(Signal.GridImportW);
        var gridExport = DecisionParam.Of(Signal.GridExportW);
        var houseLoad = new DecisionParam("house_load_w", s => Known(s.Decision.HouseLoadW));
        var surplus = new DecisionParam("surplus_kw", s => Known(s.Decision.SurplusKw(s.State)));
        var netImport = new DecisionParam("net_grid_import_w",
            s => Known(s.State.ValueOrNaN(Signal.GridImportW) - (s.State.GridExportW ?? 0)));
        var blocksSinceChange = new DecisionParam("blocks_since_change", s => s.Context.BlocksSinceChange);
        var lockoutElapsed = new DecisionParam("lockout_elapsed_min",
            s => s.Decision.Safety.LockoutStartedAt is { } start ? (s.Context.Now - start).TotalMinutes : null);
        DecisionParam Key(string name) => DecisionParam.Of(ConfigKeys.Find(name)!);

        var dqParams = new[] { pv, houseLoad, gridImport, soc };
        var socReserve = new[] { soc, Key("soc_stop_pct") };
        var hardMin = new[] { soc, Key("soc_hard_min_pct") };
        var gridLimit = new[] { gridImport, gridExport, netImport, Key("max_grid_import_w") };
        var surplusLost = new[] { surplus, pv, houseLoad, Key("surplus_stop_kw") };

        yield return Define(STOP_R3_OVERTEMP, "Chip temperature is above the limit: the miner stops at once.", temp, Key("max_chip_temp_c"));
        yield return Define(STOP_R3_EMERGENCY_STOP, "A person pressed emergency stop: the miner stays off until it is acknowledged.");
        yield return Define(STOP_R3_TEMP_UNKNOWN, "The miner's temperature is unknown: it is stopped rather than run blind.", temp);
        yield return Define(STOP_R3_COMM_TIMEOUT, "Contact with the miner is lost or stale: it is stopped.", heartbeat, Key("comm_timeout_sec"));
        yield return Define(STOP_R3_LOCKOUT_ACTIVE, "A safety lockout holds until time has passed and the miner is cool and reachable.",
            lockoutElapsed, Key("safety_lockout_min"), temp, Key("t_resume_c"), heartbeat, Key("comm_timeout_sec"));
        yield return Define(STOP_R3_DECISION_EXPIRED, "No fresh decision arrived in time: the miner stops on its own (dead-man's switch).");

        yield return Define(START_OVR_MANUAL_OVERRIDE, "A person's override runs the miner at full power.");
        yield return Define(THROTTLE_OVR_MANUAL_OVERRIDE, "A person's override runs the miner throttled.");
        yield return Define(STOP_OVR_MANUAL_OVERRIDE, "A person's override keeps the miner stopped.");

        yield return Define(NOOP_MANUAL_MODE, "Manual mode: the miner is left as it is; only safety and overrides act.");

        yield return Define(STOP_DQ_SIGNAL_MISSING, "A required measurement is missing: the miner stops (fail-safe).", dqParams);
        yield return Define(NOOP_DQ_SIGNAL_MISSING, "A required measurement is missing: the miner is left as it is (fail-safe: hold).", dqParams);

        yield return Define(STOP_R1_SOC_RESERVE_STOP, "Battery is below the SoC band's reserve: the miner stops.", socReserve);
        yield return Define(NOOP_R1_SOC_RESERVE_STOP, "Battery is below the SoC band's reserve: stopping is suggested (SEMI).", socReserve);

        yield return Define(STOP_R2_SOC_HARD_MIN, "Battery is at its hard minimum: the miner stops to protect the reserve.", hardMin);
        yield return Define(NOOP_R2_SOC_HARD_MIN, "Battery is at its hard minimum: stopping is suggested (SEMI).", hardMin);
        yield return Define(NOOP_R2_SOC_SOFT_MIN, "Battery is at its soft minimum: nothing new starts; a running miner keeps running.", soc, Key("soc_soft_min_pct"));
        yield return Define(STOP_R2_GRID_IMPORT_EXCEEDED, "The site draws more from the grid than allowed: the miner stops.", gridLimit);
        yield return Define(NOOP_R2_GRID_IMPORT_EXCEEDED, "The site draws more from the grid than allowed: stopping is suggested (SEMI).", gridLimit);

        yield return Define(STOP_R1_SURPLUS_LOST, "The PV surplus is gone: the running miner stops.", surplusLost);
        yield return Define(NOOP_R1_SURPLUS_LOST, "The PV surplus is gone: stopping is suggested (SEMI).", surplusLost);

        yield return Define(NOOP_R4_FORECAST_PV_INSUFFICIENT, "Too little PV surplus is forecast for the next hour: the miner is left as it is.",
            forecast, Key("min_predicted_surplus_kw"));
        yield return Define(NOOP_R4_FORECAST_PRICE_SPIKE, "The energy price spikes: the miner is left as it is.",
            price, Key("price_spike_threshold_ct"), forecast);

        yield return Define(NOOP_R1_INSUFFICIENT_SURPLUS, "Not enough PV surplus to mine: the miner is left as it is.",
            surplus, pv, houseLoad, Key("surplus_throttle_min_kw"));
        yield return Define(NOOP_R1_PRICE_TOO_HIGH, "Grid energy is too expensive to mine: the miner is left as it is.",
            price, Key("price_max_ct_kwh"), surplus);
        yield return Define(THROTTLE_R1_SURPLUS_THROTTLE, "Some PV surplus: the miner runs throttled.",
            surplus, pv, houseLoad, Key("surplus_throttle_min_kw"), Key("surplus_min_kw"));
        yield return Define(START_R1_SURPLUS_OK, "Enough PV surplus: the miner runs at full power.",
            surplus, pv, houseLoad, Key("surplus_min_kw"), price, Key("price_max_ct_kwh"));

        yield return Define(START_R1_SUPER, "Battery is nearly full: the miner runs in super mode.", soc, Key("soc_super_pct"));
        yield return Define(START_R1_STANDARD, "Battery is well charged: the miner runs in standard mode.", soc, Key("soc_standard_pct"), Key("soc_super_pct"));
        yield return Define(THROTTLE_R1_ECO, "Battery is in the eco band: the miner runs throttled.",
            soc, Key("soc_eco_start_pct"), Key("soc_standard_pct"), pv, Key("pv_start_w"));
        yield return Define(NOOP_R1_SOC_HOLD_PV, "Battery is in the eco band but PV is too weak to start: the miner stays stopped.",
            soc, Key("soc_eco_start_pct"), pv, Key("pv_start_w"));
        yield return Define(NOOP_R1_SOC_HOLD, "Battery is below the eco band: the miner is left as it is.", soc, Key("soc_eco_start_pct"));

        yield return Define(NOOP_R5_MIN_RUNTIME_NOT_REACHED, "The miner has not run its minimum time yet: the change waits.",
            blocksSinceChange, Key("min_runtime_blocks"));
        yield return Define(NOOP_R5_MIN_PAUSE_NOT_REACHED, "The miner has not paused its minimum time yet: the change waits.",
            blocksSinceChange, Key("min_pause_blocks"));
        yield return Define(NOOP_R5_DEADBAND_ACTIVE, "The last change was too recent: the change waits (deadband).",
            blocksSinceChange, Key("deadband_hold_blocks"));
    }

    private static double? Known(double value) => double.IsNaN(value) ? null : value;

    private static DecisionCodeInfo Define(DecisionCode code, string summary, params DecisionParam[] parameters)
    {
        var name = code.ToString();
        var parts = name.Split('_', 3);
        var action = Enum.Parse<DecisionAction>(parts[0], ignoreCase: true);
        var rule = Enum.Parse<RuleId>(parts[1]);
        var mode = action switch
        {
            DecisionAction.Throttle => MinerMode.Eco,
            DecisionAction.Start when code == START_R1_SUPER => MinerMode.Super,
            DecisionAction.Start => MinerMode.Standard,
            _ => MinerMode.None,
        };
        return new DecisionCodeInfo(code, name, action, rule, parts[2], mode, summary, parameters);
    }
}
