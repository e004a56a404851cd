using BitGridAI.Domain.Config;
using BitGridAI.Domain.Decisions;
using BitGridAI.Domain.Signals;
using BitGridAI.Domain.Time;
using static BitGridAI.Domain.Decisions.DecisionCode;

namespace BitGridAI.Domain.Engine;

/// <summary>
/// The deterministic rule engine of RULES.md §2: same readings, context and config → same decision.
/// No I/O, no clock, no allocation. Grains, replay, preview and <c>bitgrid decide</c> all call it.
/// </summary>
public static class DecisionEngine
{
    /// <summary>Whatever the config says, no chip runs hotter than this.</summary>
    public const double ChipTempCeilingC = 95;

    /// <summary>Whatever the config says, no miner runs longer than this without contact.</summary>
    public const double CommTimeoutCeilingSec = 300;

    public static Decision Decide(in EnergyState state, in DecisionContext context, EngineConfig config)
    {
        var houseLoad = HouseLoad(state, context, out var derived);
        var safetyCode = Safety(state, context, config, out var safety, out var minerMissing);
        var decision = new Decision
        {
            BlockIndex = BlockClock.IndexOf(context.Now),
            Trigger = context.Trigger == Trigger.Unknown ? Trigger.BlockTick : context.Trigger,
            Rejected = state.Rejected,
            Missing = SiteSignalsMissing(state, houseLoad, minerMissing),
            HouseLoadW = houseLoad,
            HouseLoadDerived = derived,
            Safety = safety,
        };

        // Step 1: R3 wins over everything, at every autonomy level.
        if (safetyCode != DecisionCode.Unknown)
        {
            return decision with { Code = safetyCode };
        }

        var siteDataMissing = !decision.Missing.Without(Signal.MinerTempC).Without(Signal.MinerHeartbeatAgeSec).IsEmpty;

        // Step 2: an active override, unless a protective step overrules it.
        if (context.Override.IsActiveAt(context.Now))
        {
            return ApplyOverride(decision, state, context, config, siteDataMissing);
        }

        // Step 3.
        if (context.Autonomy == Autonomy.Manual)
        {
            return decision with { Code = NOOP_MANUAL_MODE };
        }

        // Steps 4–6 are protective: R5 never holds them back.
        var protective = DataQuality(config, siteDataMissing);
        if (protective == DecisionCode.Unknown)
        {
            protective = SocReserveAndAutarky(state, context, config);
        }
        if (protective != DecisionCode.Unknown)
        {
            return decision with { Code = Semi(protective, context) };
        }

        // Steps 7–9.
        var proposal = Propose(state, context, config, (state.ValueOrNaN(Signal.PvPowerW) - houseLoad) / 1000.0);
        var filtered = Stability(proposal, context, config);
        return decision with
        {
            Code = Semi(filtered, context),
            HeldBackProposal = filtered == proposal ? DecisionCode.Unknown : proposal,
        };
    }

    /// <summary>
    /// Step 1 alone, for the miner's safety path between block ticks (RULES.md §5): the R3 stop that
    /// applies now, or <see cref="DecisionCode.Unknown"/> when none does, and the lockout memory after
    /// it. It only ever stops or holds; starts happen only at block ticks.
    /// </summary>
    public static DecisionCode EvaluateSafety(in EnergyState minerState, in DecisionContext context, EngineConfig config, out SafetyMemory next) =>
        Safety(minerState, context, config, out next, out _);

    /// <summary>House load as measured, or derived from the energy balance (RULES.md §1); NaN when neither is possible.</summary>
    private static double HouseLoad(in EnergyState state, in DecisionContext context, out bool derived)
    {
        derived = false;
        var measured = state.ValueOrNaN(Signal.HouseLoadW);
        if (!double.IsNaN(measured))
        {
            return measured;
        }
        var minerPower = state.ValueOrNaN(Signal.MinerPowerW);
        if (context.Actuator == ActuatorState.Stop || (context.Actuator == ActuatorState.Unknown && double.IsNaN(minerPower)))
        {
            // A stopped miner draws nothing; an unknown one without a measurement is not subtracted,
            // which overstates the house load and so errs towards less surplus.
            minerPower = 0;
        }
        var balance = state.ValueOrNaN(Signal.PvPowerW) + state.ValueOrNaN(Signal.GridImportW)
            + state.ValueOrNaN(Signal.BatteryPowerW) - state.ValueOrNaN(Signal.GridExportW) - minerPower;
        if (double.IsNaN(balance))
        {
            return double.NaN;
        }
        derived = true;
        return Math.Max(0, balance);
    }

    private static SignalSet SiteSignalsMissing(in EnergyState state, double houseLoad, SignalSet minerMissing)
    {
        var missing = minerMissing;
        if (!state.Has(Signal.PvPowerW)) missing = missing.With(Signal.PvPowerW);
        if (double.IsNaN(houseLoad)) missing = missing.With(Signal.HouseLoadW);
        if (!state.Has(Signal.GridImportW)) missing = missing.With(Signal.GridImportW);
        if (!state.Has(Signal.BatterySocPct)) missing = missing.With(Signal.BatterySocPct);
        return missing;
    }

    /// <summary>Step 1, R3, with the lockout state machine.</summary>
    private static DecisionCode Safety(in EnergyState state, in DecisionContext context, EngineConfig config,
        out SafetyMemory next, out SignalSet minerMissing)
    {
        // Not Math.Min: it returns NaN for a NaN limit, and temp > NaN never holds, so an unvalidated
        // config would switch overtemperature off. Anything not at most the ceiling is the ceiling.
        var maxTemp = config.MaxChipTempC <= ChipTempCeilingC ? config.MaxChipTempC : ChipTempCeilingC;
        var timeout = Math.Min(config.CommTimeoutSec, CommTimeoutCeilingSec);
        var temp = state.ValueOrNaN(Signal.MinerTempC);
        var heartbeat = state.ValueOrNaN(Signal.MinerHeartbeatAgeSec);
        var tempKnown = !double.IsNaN(temp);
        var contactFresh = heartbeat <= timeout; // false for NaN
        var poweredOff = context.MinerPoweredOff;
        var lostContact = context.Safety.LastTelemetryFresh;

        minerMissing = SignalSet.Empty;
        if (!poweredOff && !tempKnown) minerMissing = minerMissing.With(Signal.MinerTempC);
        if (!poweredOff && double.IsNaN(heartbeat)) minerMissing = minerMissing.With(Signal.MinerHeartbeatAgeSec);

        var lockoutStart = context.Safety.LockoutStartedAt;
        var code = DecisionCode.Unknown;
        if (tempKnown && temp > maxTemp)
        {
            code = STOP_R3_OVERTEMP;
            lockoutStart = context.Now;
        }
        else if (context.EmergencyStop)
        {
            code = STOP_R3_EMERGENCY_STOP;
            lockoutStart = context.Now;
        }
        else if (!poweredOff && !tempKnown)
        {
            code = STOP_R3_TEMP_UNKNOWN;
            lockoutStart = lostContact ? context.Now : lockoutStart;
        }
        else if (!poweredOff && !contactFresh)
        {
            code = STOP_R3_COMM_TIMEOUT;
            lockoutStart = lostContact ? context.Now : lockoutStart;
        }
        else if (lockoutStart is { } started)
        {
            var served = (context.Now - started).TotalMinutes >= config.SafetyLockoutMin;
            var coolAndReachable = tempKnown && temp <= config.TResumeC && contactFresh;
            if (served && (coolAndReachable || poweredOff))
            {
                lockoutStart = null;
            }
            else
            {
                code = STOP_R3_LOCKOUT_ACTIVE;
            }
        }
        next = new SafetyMemory(lockoutStart, tempKnown && contactFresh);
        return code;
    }

    /// <summary>
    /// Step 2. A person may never force a miner onto missing data, below the battery reserve or over the
    /// grid limit, so a protective stop overrules a START or THROTTLE override. A STOP override is only
    /// ever replaced by a protective stop, never softened into a hold or a SEMI suggestion.
    /// </summary>
    private static Decision ApplyOverride(in Decision decision, in EnergyState state, in DecisionContext context,
        EngineConfig config, bool siteDataMissing)
    {
        var wanted = context.Override.Action;
        var protective = DataQuality(config, siteDataMissing);
        if (protective == DecisionCode.Unknown)
        {
            protective = ReserveStop(state, context, config);
        }
        if (protective == DecisionCode.Unknown)
        {
            protective = GridLimit(state, config);
        }

        if (protective != DecisionCode.Unknown && wanted != ActuatorState.Stop)
        {
            return decision with { Code = Semi(protective, context), OverruledOverride = wanted };
        }
        if (protective != DecisionCode.Unknown && DecisionCodes.Info(protective).Action == DecisionAction.Stop)
        {
            return decision with { Code = protective, OverruledOverride = wanted };
        }
        var overrideCode = wanted switch
        {
            ActuatorState.Start => START_OVR_MANUAL_OVERRIDE,
            ActuatorState.Throttle => THROTTLE_OVR_MANUAL_OVERRIDE,
            _ => STOP_OVR_MANUAL_OVERRIDE,
        };
        return decision with { Code = overrideCode, Trigger = Trigger.Override };
    }

    /// <summary>Step 4.</summary>
    private static DecisionCode DataQuality(EngineConfig config, bool siteDataMissing) => !siteDataMissing
        ? DecisionCode.Unknown
        : config.DataFailSafe == DataFailSafe.Hold ? NOOP_DQ_SIGNAL_MISSING : STOP_DQ_SIGNAL_MISSING;

    /// <summary>Steps 5 and 6, in the order RULES.md writes them.</summary>
    private static DecisionCode SocReserveAndAutarky(in EnergyState state, in DecisionContext context, EngineConfig config)
    {
        var soc = state.ValueOrNaN(Signal.BatterySocPct);
        if (context.Strategy == Strategy.SocBand)
        {
            return soc < config.SocStopPct ? STOP_R1_SOC_RESERVE_STOP : GridLimit(state, config);
        }
        if (soc <= config.SocHardMinPct) return STOP_R2_SOC_HARD_MIN;
        if (soc <= config.SocSoftMinPct) return NOOP_R2_SOC_SOFT_MIN;
        return GridLimit(state, config);
    }

    /// <summary>The stops of steps 5 and 6 alone (no soft-minimum hold): what overrules an override.</summary>
    private static DecisionCode ReserveStop(in EnergyState state, in DecisionContext context, EngineConfig config)
    {
        var soc = state.ValueOrNaN(Signal.BatterySocPct);
        return context.Strategy == Strategy.SocBand
            ? soc < config.SocStopPct ? STOP_R1_SOC_RESERVE_STOP : DecisionCode.Unknown
            : soc <= config.SocHardMinPct ? STOP_R2_SOC_HARD_MIN : DecisionCode.Unknown;
    }

    private static DecisionCode GridLimit(in EnergyState state, EngineConfig config)
    {
        var export = state.ValueOrNaN(Signal.GridExportW);
        var netImport = state.ValueOrNaN(Signal.GridImportW) - (double.IsNaN(export) ? 0 : export);
        return netImport > config.MaxGridImportW ? STOP_R2_GRID_IMPORT_EXCEEDED : DecisionCode.Unknown;
    }

    /// <summary>Step 7.</summary>
    private static DecisionCode Propose(in EnergyState state, in DecisionContext context, EngineConfig config, double surplusKw)
    {
        var socBand = context.Strategy == Strategy.SocBand;
        if (!socBand && context.MinerRuns && surplusKw < config.SurplusStopKw)
        {
            return STOP_R1_SURPLUS_LOST;
        }

        var price = state.ValueOrNaN(Signal.EnergyPriceCtKwh);
        var forecast = state.ValueOrNaN(Signal.PvForecastKw);
        if (!double.IsNaN(forecast))
        {
            if (forecast < config.MinPredictedSurplusKw) return NOOP_R4_FORECAST_PV_INSUFFICIENT;
            if (price >= config.PriceSpikeThresholdCt) return NOOP_R4_FORECAST_PRICE_SPIKE;
        }

        if (!socBand)
        {
            if (surplusKw < config.SurplusThrottleMinKw) return NOOP_R1_INSUFFICIENT_SURPLUS;
            if (config.PriceMaxCtKwh is { } priceMax && price > priceMax) return NOOP_R1_PRICE_TOO_HIGH;
            return surplusKw < config.SurplusMinKw ? THROTTLE_R1_SURPLUS_THROTTLE : START_R1_SURPLUS_OK;
        }

        var soc = state.ValueOrNaN(Signal.BatterySocPct);
        if (soc >= config.SocSuperPct) return START_R1_SUPER;
        if (soc >= config.SocStandardPct) return START_R1_STANDARD;
        if (soc >= config.SocEcoStartPct)
        {
            return context.MinerRuns || state.ValueOrNaN(Signal.PvPowerW) >= config.PvStartW ? THROTTLE_R1_ECO : NOOP_R1_SOC_HOLD_PV;
        }
        return NOOP_R1_SOC_HOLD;
    }

    /// <summary>Step 8, R5: holds back a proposal that would change the actuator too soon.</summary>
    private static DecisionCode Stability(DecisionCode proposal, in DecisionContext context, EngineConfig config)
    {
        var action = DecisionCodes.Info(proposal).Action;
        var changes = action != DecisionAction.Noop && context.Actuator != ActuatorState.Unknown && (int)action != (int)context.Actuator;
        if (!changes)
        {
            return proposal;
        }
        var blocks = context.BlocksSinceChange;
        if (context.MinerRuns && blocks < config.MinRuntimeBlocks) return NOOP_R5_MIN_RUNTIME_NOT_REACHED;
        if (context.Actuator == ActuatorState.Stop && blocks < config.MinPauseBlocks) return NOOP_R5_MIN_PAUSE_NOT_REACHED;
        if (blocks < config.DeadbandHoldBlocks) return NOOP_R5_DEADBAND_ACTIVE;
        return proposal;
    }

    /// <summary>Step 9: in SEMI only R3 stops on its own; other stops become suggestions.</summary>
    private static DecisionCode Semi(DecisionCode code, in DecisionContext context) =>
        context.Autonomy == Autonomy.Semi ? DecisionCodes.SemiSuggestion(code) : code;
}
