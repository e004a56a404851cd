using BitGridAI.Domain.Config;
using BitGridAI.Domain.Decisions;
using BitGridAI.Domain.Engine;
using BitGridAI.Domain.Fleet;
using BitGridAI.Domain.Overrides;
using BitGridAI.Domain.Signals;

namespace BitGridAI.Domain.Tests;

/// <summary>
/// One evaluation's inputs, built from a healthy baseline by changing one thing at a time, so a
/// table row names only what matters to the rule it shows.
/// </summary>
public sealed record Site(EnergyState State, DecisionContext Context, EngineConfig Config)
{
    public static DateTimeOffset Noon { get; } = new(2026, 6, 1, 12, 5, 0, TimeSpan.Zero);

    /// <summary>
    /// PV 5 kW, house 1 kW (surplus 4 kW), no grid exchange, battery idle at 80 %, price 10 ct;
    /// the miner at 60 °C, reached 5 s ago, stopped for 10 blocks; FULL autonomy, surplus strategy,
    /// default config. The engine starts this miner: START_R1_SURPLUS_OK.
    /// </summary>
    public static Site Sunny { get; } = new(
        EnergyState.Empty
            .With(Signal.PvPowerW, 5000)
            .With(Signal.HouseLoadW, 1000)
            .With(Signal.GridImportW, 0)
            .With(Signal.GridExportW, 0)
            .With(Signal.BatterySocPct, 80)
            .With(Signal.BatteryPowerW, 0)
            .With(Signal.MinerTempC, 60)
            .With(Signal.MinerHeartbeatAgeSec, 5)
            .With(Signal.EnergyPriceCtKwh, 10),
        new DecisionContext
        {
            Now = Noon,
            Actuator = ActuatorState.Stop,
            BlocksSinceChange = 10,
            Autonomy = Decisions.Autonomy.Full,
            Strategy = Decisions.Strategy.Surplus,
            Safety = new SafetyMemory(null, LastTelemetryFresh: true),
        },
        EngineConfig.Default);

    public Site Reading(Signal signal, double? value) => this with { State = State.With(signal, value) };

    public Site Pv(double? w) => Reading(Signal.PvPowerW, w);
    public Site HouseLoad(double? w) => Reading(Signal.HouseLoadW, w);
    public Site GridImport(double? w) => Reading(Signal.GridImportW, w);
    public Site GridExport(double? w) => Reading(Signal.GridExportW, w);
    public Site Soc(double? pct) => Reading(Signal.BatterySocPct, pct);
    public Site BatteryPower(double? w) => Reading(Signal.BatteryPowerW, w);
    public Site Temp(double? c) => Reading(Signal.MinerTempC, c);
    public Site Heartbeat(double? sec) => Reading(Signal.MinerHeartbeatAgeSec, sec);
    public Site MinerPower(double? w) => Reading(Signal.MinerPowerW, w);
    public Site Price(double? ct) => Reading(Signal.EnergyPriceCtKwh, ct);
    public Site Forecast(double? kw) => Reading(Signal.PvForecastKw, kw);

    /// <summary>House load 1 kW and PV 1 kW + the surplus, so surplus_kw is exactly <paramref name="kw"/>.</summary>
    public Site SurplusKw(double kw) => HouseLoad(1000).Pv(1000 + Math.Round(kw * 1000, 6));

    public Site Actuator(ActuatorState actuator) => this with { Context = Context with { Actuator = actuator } };
    public Site Running() => Actuator(ActuatorState.Start);
    public Site Throttled() => Actuator(ActuatorState.Throttle);
    public Site Stopped() => Actuator(ActuatorState.Stop);
    public Site BlocksSinceChange(long blocks) => this with { Context = Context with { BlocksSinceChange = blocks } };
    public Site Autonomy(Autonomy autonomy) => this with { Context = Context with { Autonomy = autonomy } };
    public Site Semi() => Autonomy(Decisions.Autonomy.Semi);
    public Site Manual() => Autonomy(Decisions.Autonomy.Manual);
    public Site Strategy(Strategy strategy) => this with { Context = Context with { Strategy = strategy } };
    public Site SocBand() => Strategy(Decisions.Strategy.SocBand);
    public Site Override(ActuatorState action, DateTimeOffset? expiresAt = null) =>
        this with { Context = Context with { Override = new ManualOverride(action, expiresAt) } };
    public Site EmergencyStop(bool pressed = true) => this with { Context = Context with { EmergencyStop = pressed } };
    public Site PoweredOff(bool off = true) => this with { Context = Context with { MinerPoweredOff = off } };
    /// <summary>Power already given to miners decided before this one in the block (RULES.md §6).</summary>
    /// <summary>A fleet share for this miner (an Avalon-like miner with steps 800 / 1674 / 2000 W) running at <paramref name="currentW"/> now.</summary>
    public Site Share(double targetW, double currentW, FleetReason reason = FleetReason.Allocated) =>
        this with
        {
            Context = Context with
            {
                Fleet = new FleetShare("miner-1", targetW, reason)
                {
                    CurrentW = currentW,
                    LeftW = targetW,
                    SurplusW = 4000,
                    Mode = new FleetMiner("miner-1", 1, [800, 1674, 2000], null, null, currentW).ModeOf(targetW),
                },
            },
        };

    public Site Reserved(double w) => this with { Context = Context with { ReservedW = w } };
    public Site At(DateTimeOffset now) => this with { Context = Context with { Now = now } };

    /// <summary>A lockout whose timer started <paramref name="minutesAgo"/> minutes before now.</summary>
    public Site LockoutStarted(double minutesAgo) =>
        this with { Context = Context with { Safety = Context.Safety with { LockoutStartedAt = Context.Now.AddMinutes(-minutesAgo) } } };

    /// <summary>Whether the previous evaluation had fresh, complete miner telemetry.</summary>
    public Site PreviousTelemetryFresh(bool fresh) =>
        this with { Context = Context with { Safety = Context.Safety with { LastTelemetryFresh = fresh } } };

    /// <summary>Sets one config key by its RULES.md §3 name.</summary>
    public Site Set(string key, double? value) =>
        this with { Config = (ConfigKeys.Find(key) ?? throw new ArgumentException($"no config key {key}", nameof(key))).With(Config, value) };

    public Site FailSafe(DataFailSafe failSafe) => this with { Config = Config with { DataFailSafe = failSafe } };

    public Decision Decide() => DecisionEngine.Decide(State, Context, Config);
}
