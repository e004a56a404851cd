using BitGridAI.Domain.Config;
using BitGridAI.Domain.Engine;
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

    /// <summary>
    /// What SEMI autonomy shows instead of a stop (RULES.md §2 step 8): only the economic stop
    /// <see cref="DecisionCode.STOP_R1_SURPLUS_LOST"/> becomes a suggestion (same rule and reason,
    /// action NOOP); every other code, each protective stop included, stays as it is.
    /// </summary>
    public static DecisionCode SemiSuggestion(DecisionCode stop) => stop switch
    {
        STOP_R1_SURPLUS_LOST => NOOP_R1_SURPLUS_LOST,
        STOP_R1_FLEET_NO_SHARE => NOOP_R1_FLEET_NO_SHARE,
        STOP_R1_EXPORT_PAYS_MORE => NOOP_R1_EXPORT_PAYS_MORE,
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
        var surplus = new DecisionParam("surplus_kw",
            s => Known(DecisionEngine.SurplusKw(s.State.ValueOrNaN(Signal.PvPowerW), s.Decision.HouseLoadW, s.Context.ReservedW)));
        var reserved = new DecisionParam("reserved_w", s => s.Context.ReservedW)
            .When("when not 0", s => s.Context.ReservedW != 0);
        var netImport = new DecisionParam("net_grid_import_w",
            s => Known(s.State.ValueOrNaN(Signal.GridImportW) - (s.State.GridExportW ?? 0)));
        var blocksSinceChange = new DecisionParam("blocks_since_change", s => s.Context.BlocksSinceChange);
        var lockoutElapsed = new DecisionParam("lockout_elapsed_min",
            s => s.Decision.Safety.LockoutStartedAt is { } start ? (s.Context.Now - start).TotalMinutes : null);
        // R3 compares the clamped limits, so the explanation shows those, not what the config says.
        var maxChipTemp = new DecisionParam("max_chip_temp_c", s => SafetyLimits.Of(s.Config).MaxChipTempC);
        var tResume = new DecisionParam("t_resume_c", s => SafetyLimits.Of(s.Config).TResumeC);
        var commTimeout = new DecisionParam("comm_timeout_sec", s => Known(SafetyLimits.Of(s.Config).CommTimeoutSec));
        DecisionParam Key(string name) => DecisionParam.Of(ConfigKeys.Find(name)!);

        static bool Runs(ParamSource s) => s.Context.MinerRuns;
        static bool SurplusStrategy(ParamSource s) => s.Context.Strategy != Strategy.SocBand;
        static bool HasForecast(ParamSource s) => s.State.Has(Signal.PvForecastKw);
        const string running = "when the miner runs";
        const string forecastPresent = "when a forecast is present";
        // A running miner on the surplus strategy passed the surplus-lost check before any later
        // proposal: both sides of that comparison belong to the explanation of whatever came next.
        var passedSurplusLost = new[]
        {
            surplus.When("when the miner runs (surplus strategy)", s => Runs(s) && SurplusStrategy(s)),
            Key("surplus_stop_kw").When("when the miner runs (surplus strategy)", s => Runs(s) && SurplusStrategy(s)),
            reserved.When("when the miner runs (surplus strategy) and reserved_w is not 0",
                s => Runs(s) && SurplusStrategy(s) && s.Context.ReservedW != 0),
        };
        // A proposal after R4 passed both forecast checks when a forecast was present (the price is
        // listed here only for codes that do not show it anyway).
        var passedForecast = new[]
        {
            forecast.When(forecastPresent, HasForecast),
            Key("min_predicted_surplus_kw").When(forecastPresent, HasForecast),
            Key("price_spike_threshold_ct").When(forecastPresent, HasForecast),
        };
        var priceIfForecast = price.When(forecastPresent, HasForecast);
        var stopKeyIfRunning = Key("surplus_stop_kw").When(running, Runs);
        DecisionParam[] Surplus(params DecisionParam[] more) => [surplus, pv, houseLoad, reserved, stopKeyIfRunning, .. more];

        var dqParams = new[] { pv, houseLoad, gridImport, soc };
        var socReserve = new[] { soc, Key("soc_stop_pct") };
        var hardMin = new[] { soc, Key("soc_hard_min_pct") };
        var gridLimit = new[] { gridImport, gridExport, netImport, Key("max_grid_import_w") };
        // With hold, step 3 still compared SoC and grid import with their limits before it held.
        var dqHoldChecks = new[]
        {
            Key("soc_hard_min_pct").When("surplus strategy", SurplusStrategy),
            Key("soc_stop_pct").When("soc_band strategy", s => !SurplusStrategy(s)),
            gridExport, netImport, Key("max_grid_import_w"),
        };
        var surplusLost = new[] { surplus, pv, houseLoad, reserved, Key("surplus_stop_kw") };

        var target = new DecisionParam("target_w", s => s.Decision.TargetW);
        var currentDraw = new DecisionParam("current_w", s => s.Context.Fleet?.CurrentW);
        var shareLeft = new DecisionParam("share_left_w", s => s.Context.Fleet?.LeftW);
        var fleetSurplus = new DecisionParam("fleet_surplus_w", s => s.Context.Fleet is { } f ? Known(f.SurplusW) : null);
        var exportValue = new DecisionParam("export_value_ct", s => s.Context.Fleet?.ExportCt);
        var miningSats = new DecisionParam("mining_value_sats", s => s.Context.Fleet?.MiningSats);
        var miningValue = new DecisionParam("mining_value_ct", s => s.Context.Fleet?.MiningCt);
        var heatValue = new DecisionParam("heat_value_ct", s => s.Context.Fleet?.HeatCt);
        DecisionParam[] Share(params DecisionParam[] more) =>
            [target, currentDraw, shareLeft, fleetSurplus, Key("fleet_reserve_w"), pv, houseLoad, .. more, .. passedForecast];
        var hysteresis = Key("fleet_hysteresis_w").When("when the share raises the miner", s => s.Context.Fleet is { } f && f.TargetW > f.CurrentW);
        var values = new[] { exportValue, miningSats, miningValue, heatValue };

        yield return Define(STOP_R3_OVERTEMP, "Chip temperature is above the limit: the miner stops at once.", temp, maxChipTemp);
        yield return Define(STOP_R3_EMERGENCY_STOP, "A person pressed emergency stop: the miner stays off until it is acknowledged.");
        yield return Define(STOP_R3_TEMP_UNKNOWN, "The miner's temperature is unknown: it is stopped rather than run blind.", temp);
        yield return Define(STOP_R3_COMM_TIMEOUT, "Contact with the miner is lost or stale: it is stopped.", heartbeat, commTimeout);
        yield return Define(STOP_R3_LOCKOUT_ACTIVE, "A safety lockout holds until time has passed and the miner is cool and reachable (or off and cool).",
            lockoutElapsed, Key("safety_lockout_min"), temp, tResume, heartbeat, commTimeout);
        yield return Define(STOP_R3_DECISION_EXPIRED, "No fresh decision arrived in time: the miner stops on its own (dead-man's switch).");

        yield return Define(START_OVR_MANUAL_OVERRIDE, "A person's override runs the miner at full power.");
        yield return Define(THROTTLE_OVR_MANUAL_OVERRIDE, "A person's override runs the miner throttled.");
        yield return Define(STOP_OVR_MANUAL_OVERRIDE, "A person's override stops the miner; it always stands.");

        yield return Hold(NOOP_MANUAL_MODE, "Manual mode: only safety, the protective stops and overrides act");

        yield return Define(STOP_DQ_SIGNAL_MISSING, "A required measurement is missing: the miner stops (fail-safe).", dqParams);
        yield return Hold(NOOP_DQ_SIGNAL_MISSING,
            "PV or house load is missing and data_fail_safe is hold; battery and grid are within their limits", [.. dqParams, .. dqHoldChecks]);

        yield return Define(STOP_R1_SOC_RESERVE_STOP, "Battery is below the SoC band's reserve: the miner stops.", socReserve);
        yield return Retire(NOOP_R1_SOC_RESERVE_STOP, "Battery is below the SoC band's reserve: stopping was suggested (SEMI, rules v2; no longer produced).", socReserve);

        yield return Define(STOP_R2_SOC_HARD_MIN, "Battery is at its hard minimum: the miner stops to protect the reserve.", hardMin);
        yield return Retire(NOOP_R2_SOC_HARD_MIN, "Battery is at its hard minimum: stopping was suggested (SEMI, rules v2; no longer produced).", hardMin);
        yield return Hold(NOOP_R2_SOC_SOFT_MIN, "Battery is at its soft minimum: nothing starts and nothing raises its power",
            [soc, Key("soc_soft_min_pct"), .. passedSurplusLost]);
        yield return Define(STOP_R2_GRID_IMPORT_EXCEEDED, "The site draws more from the grid than allowed: the miner stops.", gridLimit);
        yield return Retire(NOOP_R2_GRID_IMPORT_EXCEEDED, "The site draws more from the grid than allowed: stopping was suggested (SEMI, rules v2; no longer produced).", gridLimit);

        yield return Define(STOP_R1_SURPLUS_LOST, "The PV surplus is gone: the running miner stops.", surplusLost);
        yield return Hold(NOOP_R1_SURPLUS_LOST, "The PV surplus is gone and SEMI leaves the stop to a person (a suggested stop)", surplusLost);

        yield return Hold(NOOP_R4_FORECAST_PV_INSUFFICIENT, "Too little PV surplus is forecast for the next hour",
            [forecast, Key("min_predicted_surplus_kw"), .. passedSurplusLost]);
        yield return Hold(NOOP_R4_FORECAST_PRICE_SPIKE, "The energy price spikes",
            [price, Key("price_spike_threshold_ct"), forecast, Key("min_predicted_surplus_kw"), .. passedSurplusLost]);

        yield return Hold(NOOP_R1_INSUFFICIENT_SURPLUS, "Not enough PV surplus to start or raise power",
            Surplus([Key("surplus_throttle_min_kw"), .. passedForecast, priceIfForecast]));
        yield return Hold(NOOP_R1_PRICE_TOO_HIGH, "Grid energy is too expensive to start or raise power",
            [price, Key("price_max_ct_kwh"), .. Surplus(Key("surplus_throttle_min_kw")), .. passedForecast]);
        yield return Define(THROTTLE_R1_SURPLUS_THROTTLE, "Some PV surplus: the miner runs throttled.",
            Surplus([Key("surplus_throttle_min_kw"), Key("surplus_min_kw"), price, Key("price_max_ct_kwh"), .. passedForecast]));
        yield return Define(START_R1_SURPLUS_OK, "Enough PV surplus: the miner runs at full power.",
            Surplus([Key("surplus_throttle_min_kw"), Key("surplus_min_kw"), price, Key("price_max_ct_kwh"), .. passedForecast]));

        yield return Define(START_R1_SUPER, "Battery is nearly full: the miner runs in super mode.", [soc, Key("soc_super_pct"), .. passedForecast, priceIfForecast]);
        yield return Define(START_R1_STANDARD, "Battery is well charged: the miner runs in standard mode.",
            [soc, Key("soc_standard_pct"), Key("soc_super_pct"), .. passedForecast, priceIfForecast]);
        yield return Define(THROTTLE_R1_ECO, "Battery is in the eco band: the miner runs throttled.",
            [soc, Key("soc_eco_start_pct"), Key("soc_standard_pct"),
             pv.When("when the miner is not running", s => !Runs(s)), Key("pv_start_w").When("when the miner is not running", s => !Runs(s)),
             .. passedForecast, priceIfForecast]);
        yield return Hold(NOOP_R1_SOC_HOLD_PV, "Battery is in the eco band but PV is too weak to start",
            [soc, Key("soc_eco_start_pct"), Key("soc_standard_pct"), pv, Key("pv_start_w"), .. passedForecast, priceIfForecast]);
        yield return Hold(NOOP_R1_SOC_HOLD, "Battery is below the eco band", [soc, Key("soc_eco_start_pct"), .. passedForecast, priceIfForecast]);

        yield return Define(START_R1_FLEET_SHARE,
            "The miner runs at the step or target its share of the surplus allows (after higher-priority miners).",
            Share([hysteresis, .. values, price, Key("price_max_ct_kwh")]));
        yield return Define(THROTTLE_R1_FLEET_SHARE,
            "The miner's share of the surplus allows only its lowest step: it runs throttled.",
            Share([hysteresis, .. values, price, Key("price_max_ct_kwh")]));
        yield return Define(STOP_R1_FLEET_NO_SHARE,
            "What is left of the surplus after higher-priority miners fits none of this miner's steps: it stops.", Share());
        yield return Hold(NOOP_R1_FLEET_NO_SHARE,
            "What is left of the surplus after higher-priority miners fits none of this miner's steps (in SEMI: a suggested stop)", Share());
        yield return Define(STOP_R1_EXPORT_PAYS_MORE,
            "Policy max_value: exporting the surplus earns more than mining plus the heat: the miner stops.", Share(values));
        yield return Hold(NOOP_R1_EXPORT_PAYS_MORE,
            "Policy max_value: exporting the surplus earns more than mining plus the heat (in SEMI: a suggested stop)", Share(values));

        yield return Hold(NOOP_R5_MIN_RUNTIME_NOT_REACHED, "The miner has not run its minimum time yet, so the change waits",
            blocksSinceChange, Key("min_runtime_blocks"));
        yield return Hold(NOOP_R5_MIN_PAUSE_NOT_REACHED, "The miner has not paused its minimum time yet, so the change waits",
            blocksSinceChange, Key("min_pause_blocks"));
        yield return Hold(NOOP_R5_DEADBAND_ACTIVE, "The last change was too recent, so the change waits (deadband)",
            blocksSinceChange, Key("deadband_hold_blocks"),
            Key("min_runtime_blocks").When(running, Runs),
            Key("min_pause_blocks").When("when the miner is stopped", s => s.Context.Actuator == ActuatorState.Stop));
    }

    private static double? Known(double value) => double.IsNaN(value) ? null : value;

    /// <summary>A NOOP: <paramref name="cause"/> says why the actuator is kept; the explanation adds what that means for the miner.</summary>
    private static DecisionCodeInfo Hold(DecisionCode code, string cause, params DecisionParam[] parameters) =>
        Define(code, $"{cause}; the miner is left as it is (a running miner keeps running, a stopped one stays stopped).", parameters)
            with { Cause = cause };

    private static DecisionCodeInfo Retire(DecisionCode code, string summary, params DecisionParam[] parameters) =>
        Define(code, summary, parameters) with { Retired = true };

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
