using BitGridAI.Domain.Config;
using BitGridAI.Domain.Decisions;
using BitGridAI.Domain.Engine;
using BitGridAI.Domain.Fleet;
using BitGridAI.Domain.Overrides;
using BitGridAI.Domain.Signals;

namespace BitGridAI.Explain.Tests;

/// <summary>One evaluation and the decision the engine (or the dead-man's switch) made for it.</summary>
internal sealed record Scenario(EnergyState State, DecisionContext Context, EngineConfig Config, Decision Decision)
{
    public override string ToString() => $"{Decision.Code} actuator={Context.Actuator} state=[{Describe(State)}]";

    private static string Describe(EnergyState state) =>
        string.Join(" ", SignalInfo.All.Where(state.Has).Select(s => $"{SignalInfo.Name(s)}={state[s]:R}"));
}

/// <summary>
/// Random evaluations that reach a chosen code, built like the rule tables of the domain tests: a healthy sunny
/// baseline, then the inputs of the code's rule moved into the region where that rule decides. Values are random
/// within the region (and often fractional) so the texts meet many numbers, not one example.
/// </summary>
internal static class Scenarios
{
    private static readonly DateTimeOffset Noon = new(2026, 6, 1, 12, 5, 0, TimeSpan.Zero);

    /// <summary>Retired codes are no longer produced: they are explained from a decision built by hand.</summary>
    private static readonly Dictionary<DecisionCode, DecisionCode> RetiredLike = new()
    {
        [DecisionCode.NOOP_R1_SOC_RESERVE_STOP] = DecisionCode.STOP_R1_SOC_RESERVE_STOP,
        [DecisionCode.NOOP_R2_SOC_HARD_MIN] = DecisionCode.STOP_R2_SOC_HARD_MIN,
        [DecisionCode.NOOP_R2_GRID_IMPORT_EXCEEDED] = DecisionCode.STOP_R2_GRID_IMPORT_EXCEEDED,
    };

    /// <summary><paramref name="count"/> scenarios that reach <paramref name="code"/>; fails when too few do.</summary>
    public static IReadOnlyList<Scenario> Reaching(DecisionCode code, int count, int seed)
    {
        var random = new Random(seed);
        var found = new List<Scenario>(count);
        for (var attempt = 0; attempt < count * 20 && found.Count < count; attempt++)
        {
            var scenario = Build(code, random);
            if (scenario.Decision.Code == code)
            {
                found.Add(scenario);
            }
        }
        Assert.True(found.Count == count, $"{code}: only {found.Count} of {count} scenarios reached it");
        return found;
    }

    private static Scenario Build(DecisionCode code, Random r)
    {
        if (RetiredLike.TryGetValue(code, out var live))
        {
            var basis = Build(live, r);
            return basis with { Decision = basis.Decision with { Code = code, Actuator = basis.Context.Actuator } };
        }
        var (state, context, config) = Shape(code, Sunny(r), r);
        if (code == DecisionCode.STOP_R3_DECISION_EXPIRED)
        {
            var last = DecisionEngine.Decide(state, context, config);
            var expired = DeadMansSwitch.Check(last, context.Now.AddMinutes(31))!.Value;
            return new Scenario(state, context, config, expired);
        }
        return new Scenario(state, context, config, DecisionEngine.Decide(state, context, config));
    }

    private static (EnergyState State, DecisionContext Context, EngineConfig Config) Sunny(Random r)
    {
        var state = EnergyState.Empty
            .With(Signal.PvPowerW, Between(r, 5000, 9000))
            .With(Signal.HouseLoadW, Between(r, 300, 1500))
            .With(Signal.GridImportW, Pick(r, 0, Between(r, 0, 400)))
            .With(Signal.GridExportW, Between(r, 0, 2000))
            .With(Signal.BatterySocPct, Between(r, 60, 100))
            .With(Signal.BatteryPowerW, Between(r, -2000, 2000))
            .With(Signal.MinerTempC, Between(r, 30, 74))
            .With(Signal.MinerHeartbeatAgeSec, Between(r, 0, 30))
            .With(Signal.EnergyPriceCtKwh, Between(r, -5, 24));
        if (r.Next(2) == 0)
        {
            state = state.With(Signal.MinerPowerW, Between(r, 0, 3500));
        }
        var context = new DecisionContext
        {
            Now = Noon.AddMinutes(r.Next(0, 600)),
            Actuator = (ActuatorState)r.Next(0, 4),
            BlocksSinceChange = r.Next(3, 50),
            Autonomy = Pick(r, Autonomy.Full, Autonomy.Semi),
            Strategy = Strategy.Surplus,
            ReservedW = Pick(r, 0, 0, Between(r, 0, 800)),
            Safety = new SafetyMemory(null, true),
            Trigger = Trigger.BlockTick,
        };
        return (state, context, EngineConfig.Default);
    }

    private static (EnergyState, DecisionContext, EngineConfig) Shape(DecisionCode code, (EnergyState S, DecisionContext C, EngineConfig K) site, Random r)
    {
        var (s, c, k) = site;
        var stopped = c with { Actuator = ActuatorState.Stop };
        var running = c with { Actuator = Pick(r, ActuatorState.Start, ActuatorState.Throttle) };
        var socBand = c with { Strategy = Strategy.SocBand };
        EnergyState Surplus(double lowKw, double highKw)
        {
            var surplusKw = Between(r, lowKw, highKw);
            var house = s.ValueOrNaN(Signal.HouseLoadW);
            return s.With(Signal.PvPowerW, Math.Max(0, house + c.ReservedW + (surplusKw * 1000)));
        }
        return code switch
        {
            DecisionCode.STOP_R3_OVERTEMP => (s.With(Signal.MinerTempC, Between(r, 85.1, 140)), c, k),
            DecisionCode.STOP_R3_EMERGENCY_STOP => (s, c with { EmergencyStop = true }, k),
            DecisionCode.STOP_R3_TEMP_UNKNOWN => (s.Without(Signal.MinerTempC), c, k),
            DecisionCode.STOP_R3_COMM_TIMEOUT => (Pick(r, s.Without(Signal.MinerHeartbeatAgeSec), s.With(Signal.MinerHeartbeatAgeSec, Between(r, 60.1, 900))), c, k),
            DecisionCode.STOP_R3_LOCKOUT_ACTIVE => (s, c with { Safety = new SafetyMemory(c.Now.AddMinutes(-Between(r, 0, 29.5)), true) }, k),
            DecisionCode.STOP_R3_DECISION_EXPIRED => (s, c, k),
            DecisionCode.START_OVR_MANUAL_OVERRIDE => (s, c with { Override = new ManualOverride(ActuatorState.Start, null) }, k),
            DecisionCode.THROTTLE_OVR_MANUAL_OVERRIDE => (s, c with { Override = new ManualOverride(ActuatorState.Throttle, null) }, k),
            DecisionCode.STOP_OVR_MANUAL_OVERRIDE => (s, c with { Override = new ManualOverride(ActuatorState.Stop, null) }, k),
            DecisionCode.NOOP_MANUAL_MODE => (s, c with { Autonomy = Autonomy.Manual }, k),
            DecisionCode.STOP_DQ_SIGNAL_MISSING => (Pick(r, s.Without(Signal.BatterySocPct), s.Without(Signal.GridImportW), s.Without(Signal.PvPowerW)),
                c with { Override = Pick(r, ManualOverride.None, new ManualOverride(ActuatorState.Start, null)) }, k),
            DecisionCode.NOOP_DQ_SIGNAL_MISSING => (s.Without(Signal.PvPowerW), c, k with { DataFailSafe = DataFailSafe.Hold }),
            DecisionCode.STOP_R1_SOC_RESERVE_STOP => (s.With(Signal.BatterySocPct, Between(r, 0, 49.9)), socBand, k),
            DecisionCode.STOP_R2_SOC_HARD_MIN => (s.With(Signal.BatterySocPct, Between(r, 0, 50)),
                c with { Override = Pick(r, ManualOverride.None, new ManualOverride(ActuatorState.Throttle, null)) }, k),
            DecisionCode.NOOP_R2_SOC_SOFT_MIN => (Surplus(1, 4).With(Signal.BatterySocPct, Between(r, 50.1, 58)), Pick(r, stopped, c), k),
            DecisionCode.STOP_R2_GRID_IMPORT_EXCEEDED => (s.With(Signal.GridImportW, Between(r, 2600, 5000)), c, k),
            DecisionCode.STOP_R1_SURPLUS_LOST => (Surplus(-3, -0.01), running with { Autonomy = Autonomy.Full }, k),
            DecisionCode.NOOP_R1_SURPLUS_LOST => (Surplus(-3, -0.01), running with { Autonomy = Autonomy.Semi }, k),
            DecisionCode.NOOP_R4_FORECAST_PV_INSUFFICIENT => (s.With(Signal.PvForecastKw, Between(r, -1, 1.99)), c, k),
            DecisionCode.NOOP_R4_FORECAST_PRICE_SPIKE => (s.With(Signal.PvForecastKw, Between(r, 2, 6)).With(Signal.EnergyPriceCtKwh, Between(r, 30, 80)), c, k),
            DecisionCode.NOOP_R1_INSUFFICIENT_SURPLUS => (Surplus(0, 0.79), stopped, k),
            DecisionCode.NOOP_R1_PRICE_TOO_HIGH => (Surplus(0.8, 5).With(Signal.EnergyPriceCtKwh, Between(r, 25.01, 29.9)), stopped, k),
            DecisionCode.THROTTLE_R1_SURPLUS_THROTTLE => (Surplus(0.8, 1.49), Pick(r, stopped, c), k),
            DecisionCode.START_R1_SURPLUS_OK => (Surplus(1.5, 6), Pick(r, stopped, c), k),
            DecisionCode.START_R1_SUPER => (s.With(Signal.BatterySocPct, Between(r, 90, 100)), socBand, k),
            DecisionCode.START_R1_STANDARD => (s.With(Signal.BatterySocPct, Between(r, 80, 89.9)), socBand, k),
            DecisionCode.THROTTLE_R1_ECO => (s.With(Signal.BatterySocPct, Between(r, 58, 79.9)).With(Signal.PvPowerW, Between(r, 6000, 9000)), socBand, k),
            DecisionCode.NOOP_R1_SOC_HOLD_PV => (s.With(Signal.BatterySocPct, Between(r, 58, 79.9)).With(Signal.PvPowerW, Between(r, 1500, 5999)),
                socBand with { Actuator = ActuatorState.Stop }, k),
            DecisionCode.NOOP_R1_SOC_HOLD => (s.With(Signal.BatterySocPct, Between(r, 50, 57.9)), socBand, k),
            DecisionCode.NOOP_R5_MIN_RUNTIME_NOT_REACHED => (Surplus(-3, 0.7), running with { BlocksSinceChange = r.Next(0, 3) }, k),
            DecisionCode.NOOP_R5_MIN_PAUSE_NOT_REACHED => (Surplus(1, 5), stopped with { BlocksSinceChange = r.Next(0, 2) }, k),
            DecisionCode.NOOP_R5_DEADBAND_ACTIVE => (Surplus(1, 5), stopped with { BlocksSinceChange = r.Next(0, 2) },
                k with { MinPauseBlocks = 0, MinRuntimeBlocks = 0, DeadbandHoldBlocks = r.Next(2, 5) }),
            DecisionCode.START_R1_FLEET_SHARE => (s, stopped with { Fleet = Share(r, Between(r, 1000, 3000), 0, FleetReason.Allocated, Pick(r, MinerMode.Standard, MinerMode.Super)) }, k),
            DecisionCode.THROTTLE_R1_FLEET_SHARE => (s, stopped with { Fleet = Share(r, Between(r, 10, 900), 0, FleetReason.Allocated, MinerMode.Eco) }, k),
            DecisionCode.STOP_R1_FLEET_NO_SHARE => (s, running with { Autonomy = Autonomy.Full, Fleet = Share(r, 0, Between(r, 800, 2000), FleetReason.NoBudget, MinerMode.None) }, k),
            DecisionCode.NOOP_R1_FLEET_NO_SHARE => (s, stopped with { Fleet = Share(r, 0, 0, FleetReason.NoBudget, MinerMode.None) }, k),
            DecisionCode.STOP_R1_EXPORT_PAYS_MORE => (s, running with { Autonomy = Autonomy.Full, Fleet = Share(r, 0, Between(r, 800, 2000), FleetReason.ExportPaysMore, MinerMode.None) }, k),
            DecisionCode.NOOP_R1_EXPORT_PAYS_MORE => (s, stopped with { Fleet = Share(r, 0, 0, FleetReason.ExportPaysMore, MinerMode.None) }, k),
            _ => throw new ArgumentOutOfRangeException(nameof(code), code, "no scenario for this code"),
        };
    }

    /// <summary>A fleet share with the values a block at that share would carry (docs/fleet.md).</summary>
    private static FleetShare Share(Random r, double targetW, double currentW, FleetReason reason, MinerMode mode) =>
        new("miner-1", targetW, reason)
        {
            CurrentW = currentW,
            LeftW = targetW + Between(r, 0, 700),
            SurplusW = targetW + Between(r, 700, 4000),
            Mode = mode,
            ExportCt = Between(r, 1, 40),
            MiningSats = Between(r, 10, 900),
            MiningCt = Between(r, 1, 30),
            HeatCt = Pick(r, 0, Between(r, 0, 20)),
        };

    private static double Between(Random r, double low, double high) =>
        r.Next(3) == 0 ? Math.Round(low + (r.NextDouble() * (high - low))) is var whole && whole >= low && whole <= high ? whole : low
            : low + (r.NextDouble() * (high - low));

    private static T Pick<T>(Random r, params T[] choices) => choices[r.Next(choices.Length)];
}
