using BitGridAI.Domain.Config;
using BitGridAI.Domain.Decisions;
using BitGridAI.Domain.Fleet;
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
    public const double ChipTempCeilingC = SafetyLimits.ChipTempCeilingC;

    /// <summary>Whatever the config says, no miner runs longer than this without contact.</summary>
    public const double CommTimeoutCeilingSec = SafetyLimits.CommTimeoutCeilingSec;

    public static Decision Decide(in EnergyState state, in DecisionContext context, EngineConfig config)
    {
        var houseLoad = HouseLoad(state, context, out var derived);
        var safetyCode = Safety(state, context, config, out var safety, out var minerMissing);
        var decision = new Decision
        {
            Actuator = context.Actuator,
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

        // Step 2. Stopping is always safe, so a person's stop stands whatever else holds. A person's
        // start or throttle must pass step 3 as if data_fail_safe were stop: no one keeps a miner
        // running on missing data, below the reserve or over the grid limit.
        if (context.Override.IsActiveAt(context.Now))
        {
            var wanted = context.Override.Action;
            if (wanted is not (ActuatorState.Start or ActuatorState.Throttle))
            {
                return decision with { Code = STOP_OVR_MANUAL_OVERRIDE, Trigger = Trigger.Override };
            }
            var overruling = Protective(state, context, config, decision.Missing, DataFailSafe.Stop);
            if (overruling != DecisionCode.Unknown)
            {
                return decision with { Code = overruling, OverruledOverride = wanted };
            }
            var overrideCode = wanted == ActuatorState.Start ? START_OVR_MANUAL_OVERRIDE : THROTTLE_OVR_MANUAL_OVERRIDE;
            return decision with { Code = overrideCode, Trigger = Trigger.Override };
        }

        // Step 3, at every autonomy level, never softened and never held back by R5.
        var protective = Protective(state, context, config, decision.Missing, config.DataFailSafe);
        if (protective != DecisionCode.Unknown)
        {
            return decision with { Code = protective };
        }

        // Step 4: MANUAL leaves the economics to a person, not the protection.
        if (context.Autonomy == Autonomy.Manual)
        {
            return decision with { Code = NOOP_MANUAL_MODE };
        }

        if (context.Fleet is { } share && context.Strategy != Strategy.SocBand)
        {
            return Shared(decision, state, context, config, share);
        }

        // Steps 5–8.
        var surplusKw = SurplusKw(state.ValueOrNaN(Signal.PvPowerW), houseLoad, context.ReservedW);
        var proposal = Propose(state, context, config, surplusKw);
        var kept = SoftBand(proposal, state, context, config);
        var filtered = Stability(kept, context, config);
        var heldBack = filtered != proposal && DecisionCodes.Info(proposal).Action != DecisionAction.Noop;
        return decision with
        {
            Code = Semi(filtered, context),
            HeldBackProposal = heldBack ? proposal : DecisionCode.Unknown,
        };
    }

    /// <summary>
    /// surplus_kw of RULES.md §1: (pv − house load − reserved_w) / 1000. A negative reservation is no
    /// reservation; a NaN one is treated as reserving everything, so a broken caller errs towards less
    /// surplus, never towards more.
    /// </summary>
    public static double SurplusKw(double pvW, double houseLoadW, double reservedW)
    {
        var reserved = reservedW > 0 ? reservedW : double.IsNaN(reservedW) ? double.PositiveInfinity : 0;
        return (pvW - houseLoadW - reserved) / 1000.0;
    }

    /// <summary>
    /// Step 1 alone, for the miner's safety path between block ticks (RULES.md §5): the R3 stop that
    /// applies now, or <see cref="DecisionCode.Unknown"/> when none does, and the lockout memory after
    /// it. It only ever stops or holds; starts happen only at block ticks.
    /// </summary>
    public static DecisionCode EvaluateSafety(in EnergyState minerState, in DecisionContext context, EngineConfig config, out SafetyMemory next) =>
        Safety(minerState, context, config, out next, out _);

    /// <summary>
    /// Steps 5–8 with a fleet share (docs/fleet.md): the share replaces the surplus thresholds; R4, the price and the
    /// soft band still forbid raising (the allocation already kept them, see <see cref="RaiseForbidden"/>), R5 holds a
    /// change and SEMI turns an economic stop into a suggestion.
    /// </summary>
    private static Decision Shared(Decision decision, in EnergyState state, in DecisionContext context, EngineConfig config, FleetShare share)
    {
        var proposal = ProposeShare(state, context, config, share);
        var kept = SoftBand(proposal, state, context, config);
        var filtered = Stability(kept, context, config);
        var heldBack = filtered != proposal && DecisionCodes.Info(proposal).Action != DecisionAction.Noop;
        var code = Semi(filtered, context);
        var draws = DecisionCodes.Info(code).Action switch
        {
            DecisionAction.Start or DecisionAction.Throttle => share.TargetW,
            DecisionAction.Stop => 0,
            _ => context.MinerRuns ? share.CurrentW : 0,
        };
        return decision with
        {
            Code = code,
            HeldBackProposal = heldBack ? proposal : DecisionCode.Unknown,
            ShareMode = share.Mode,
            TargetW = draws,
        };
    }

    /// <summary>Step 5 with a share: a keep or raise first passes R4 and the price check; then the share decides.</summary>
    private static DecisionCode ProposeShare(in EnergyState state, in DecisionContext context, EngineConfig config, FleetShare share)
    {
        var runs = context.MinerRuns;
        if (!share.Lowers && RaiseForbidden(state, context, config, softBand: false) is var holds and not DecisionCode.Unknown)
        {
            return holds;
        }
        return share.Reason switch
        {
            FleetReason.Held => HoldCode(context, config),
            FleetReason.ExportPaysMore => runs ? STOP_R1_EXPORT_PAYS_MORE : NOOP_R1_EXPORT_PAYS_MORE,
            _ when !(share.TargetW > 0) => runs ? STOP_R1_FLEET_NO_SHARE : NOOP_R1_FLEET_NO_SHARE,
            _ => share.Mode == MinerMode.Eco ? THROTTLE_R1_FLEET_SHARE : START_R1_FLEET_SHARE,
        };
    }

    /// <summary>
    /// The code that forbids raising any miner's power in this evaluation (R4's forecast checks, the price ceiling and,
    /// with <paramref name="softBand"/>, the soft SoC band), or <see cref="DecisionCode.Unknown"/> when raising is
    /// allowed. Site signals only, so it holds alike for every miner of the site: the fleet allocation asks it once.
    /// </summary>
    public static DecisionCode RaiseForbidden(in EnergyState state, in DecisionContext context, EngineConfig config, bool softBand = true)
    {
        if (ForecastHold(state, config) is var forecastHold and not DecisionCode.Unknown) return forecastHold;
        if (PriceTooHigh(state, config)) return NOOP_R1_PRICE_TOO_HIGH;
        return softBand && InSoftBand(state, context, config) ? NOOP_R2_SOC_SOFT_MIN : DecisionCode.Unknown;
    }

    /// <summary>R4: with a forecast present, too little forecast surplus or a price spike holds; else Unknown.</summary>
    private static DecisionCode ForecastHold(in EnergyState state, EngineConfig config)
    {
        var forecast = state.ValueOrNaN(Signal.PvForecastKw);
        if (double.IsNaN(forecast)) return DecisionCode.Unknown;
        if (forecast < config.MinPredictedSurplusKw) return NOOP_R4_FORECAST_PV_INSUFFICIENT;
        return state.ValueOrNaN(Signal.EnergyPriceCtKwh) >= config.PriceSpikeThresholdCt ? NOOP_R4_FORECAST_PRICE_SPIKE : DecisionCode.Unknown;
    }

    /// <summary>R1's price ceiling (price_max_ct_kwh; null switches it off).</summary>
    private static bool PriceTooHigh(in EnergyState state, EngineConfig config) =>
        config.PriceMaxCtKwh is { } priceMax && state.ValueOrNaN(Signal.EnergyPriceCtKwh) > priceMax;

    /// <summary>R2's soft band (surplus strategy only): SoC at or below soc_soft_min_pct.</summary>
    private static bool InSoftBand(in EnergyState state, in DecisionContext context, EngineConfig config) =>
        context.Strategy != Strategy.SocBand && state.ValueOrNaN(Signal.BatterySocPct) <= config.SocSoftMinPct;

    /// <summary>
    /// True when R5 holds any change of this miner's actuator now (the same conditions as step 7 for a change): the
    /// fleet allocation keeps such a miner's draw rather than give it a share it could not take.
    /// </summary>
    public static bool HoldsChange(in DecisionContext context, EngineConfig config) =>
        context.Actuator != ActuatorState.Unknown && HoldCode(context, config) != DecisionCode.Unknown;

    /// <summary>Which R5 rule holds a change now (in step 7's order), or Unknown when none does.</summary>
    private static DecisionCode HoldCode(in DecisionContext context, EngineConfig config)
    {
        var blocks = context.BlocksSinceChange;
        if (context.MinerRuns && blocks < config.MinRuntimeBlocks) return NOOP_R5_MIN_RUNTIME_NOT_REACHED;
        if (context.Actuator == ActuatorState.Stop && blocks < config.MinPauseBlocks) return NOOP_R5_MIN_PAUSE_NOT_REACHED;
        return blocks < config.DeadbandHoldBlocks ? NOOP_R5_DEADBAND_ACTIVE : DecisionCode.Unknown;
    }

    /// <summary>House load as the engine sees it (measured, or derived from the energy balance less every miner's draw); NaN when neither is possible.</summary>
    public static double HouseLoadW(in EnergyState state, in DecisionContext context) => HouseLoad(state, context, out _);

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
            + state.ValueOrNaN(Signal.BatteryPowerW) - state.ValueOrNaN(Signal.GridExportW) - minerPower - Math.Max(0, context.OtherMinersW);
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
        var limits = SafetyLimits.Of(config);
        var maxTemp = limits.MaxChipTempC;
        var timeout = limits.CommTimeoutSec;
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
            var coolAndReachable = tempKnown && temp <= limits.TResumeC && contactFresh;
            // A powered-off miner needs no contact, but one still reporting a hot chip has not cooled down.
            var offAndCool = poweredOff && (!tempKnown || temp <= limits.TResumeC);
            if (served && (coolAndReachable || offAndCool))
            {
                lockoutStart = null;
            }
            else
            {
                code = STOP_R3_LOCKOUT_ACTIVE;
            }
        }
        // A loss of contact is one of a miner that was reachable and not powered off (RULES.md §2 step 1).
        next = new SafetyMemory(lockoutStart, tempKnown && contactFresh && !poweredOff);
        return code;
    }

    /// <summary>
    /// Step 3 (also what overrules a START or THROTTLE override, with <paramref name="failSafe"/> = stop).
    /// SoC and grid import are what the reserve and grid checks read, so nothing holds when they are
    /// missing; PV and house load only feed the surplus, so with hold the three checks still run.
    /// </summary>
    private static DecisionCode Protective(in EnergyState state, in DecisionContext context, EngineConfig config,
        SignalSet missing, DataFailSafe failSafe)
    {
        if (missing.Contains(Signal.BatterySocPct) || missing.Contains(Signal.GridImportW))
        {
            return STOP_DQ_SIGNAL_MISSING;
        }
        var surplusInputsMissing = missing.Contains(Signal.PvPowerW) || missing.Contains(Signal.HouseLoadW);
        var hold = failSafe == DataFailSafe.Hold;
        if (surplusInputsMissing && !hold)
        {
            return STOP_DQ_SIGNAL_MISSING;
        }
        // Written so that a NaN threshold (an unvalidated config) stops rather than switching the check off.
        var soc = state.ValueOrNaN(Signal.BatterySocPct);
        if (context.Strategy == Strategy.SocBand ? !(soc >= config.SocStopPct) : !(soc > config.SocHardMinPct))
        {
            return context.Strategy == Strategy.SocBand ? STOP_R1_SOC_RESERVE_STOP : STOP_R2_SOC_HARD_MIN;
        }
        var export = state.ValueOrNaN(Signal.GridExportW);
        var netImport = state.ValueOrNaN(Signal.GridImportW) - (double.IsNaN(export) ? 0 : export);
        if (!(netImport <= config.MaxGridImportW))
        {
            return STOP_R2_GRID_IMPORT_EXCEEDED;
        }
        return surplusInputsMissing ? NOOP_DQ_SIGNAL_MISSING : DecisionCode.Unknown;
    }

    /// <summary>Step 5.</summary>
    private static DecisionCode Propose(in EnergyState state, in DecisionContext context, EngineConfig config, double surplusKw)
    {
        var socBand = context.Strategy == Strategy.SocBand;
        if (!socBand && context.MinerRuns && surplusKw < config.SurplusStopKw)
        {
            return STOP_R1_SURPLUS_LOST;
        }

        if (ForecastHold(state, config) is var forecastHold and not DecisionCode.Unknown)
        {
            return forecastHold;
        }

        if (!socBand)
        {
            if (surplusKw < config.SurplusThrottleMinKw) return NOOP_R1_INSUFFICIENT_SURPLUS;
            if (PriceTooHigh(state, config)) return NOOP_R1_PRICE_TOO_HIGH;
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

    /// <summary>
    /// Step 6. In the soft band nothing starts and nothing raises its power. RULES.md words it as "a running
    /// one keeps its power"; the issue as "only forbids a start or a raise". We take the safe reading of the
    /// two: a lowering (START → THROTTLE) draws less from a low battery, so it passes on to R5 like a STOP;
    /// every other proposal holds.
    /// </summary>
    private static DecisionCode SoftBand(DecisionCode proposal, in EnergyState state, in DecisionContext context, EngineConfig config)
    {
        var action = DecisionCodes.Info(proposal).Action;
        var lowers = action == DecisionAction.Stop || (action == DecisionAction.Throttle && context.Actuator == ActuatorState.Start)
            || (context.Fleet is { Lowers: true } && action != DecisionAction.Noop);
        return InSoftBand(state, context, config) && !lowers ? NOOP_R2_SOC_SOFT_MIN : proposal;
    }

    /// <summary>Step 7, R5: holds back a proposal that would change the actuator too soon.</summary>
    private static DecisionCode Stability(DecisionCode proposal, in DecisionContext context, EngineConfig config)
    {
        var action = DecisionCodes.Info(proposal).Action;
        var changes = action != DecisionAction.Noop && context.Actuator != ActuatorState.Unknown && (int)action != (int)context.Actuator;
        if (!changes)
        {
            return proposal;
        }
        var holds = HoldCode(context, config);
        return holds == DecisionCode.Unknown ? proposal : holds;
    }

    /// <summary>
    /// Step 8: in SEMI the system starts on its own, but an economic stop waits for a person. Only
    /// <see cref="STOP_R1_SURPLUS_LOST"/> reaches here as a STOP; every protective stop returned earlier.
    /// </summary>
    private static DecisionCode Semi(DecisionCode code, in DecisionContext context) =>
        context.Autonomy == Autonomy.Semi ? DecisionCodes.SemiSuggestion(code) : code;
}
