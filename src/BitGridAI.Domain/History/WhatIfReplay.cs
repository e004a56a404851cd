using BitGridAI.Domain.Config;
using BitGridAI.Domain.Decisions;
using BitGridAI.Domain.Engine;
using BitGridAI.Domain.Kpis;
using BitGridAI.Domain.Physics;
using BitGridAI.Domain.Signals;

namespace BitGridAI.Domain.History;

/// <summary>
/// A closed-loop what-if over recorded blocks: each block tick decision is taken again with other thresholds, each
/// miner carrying its own <see cref="ActuatorTrack"/> through the replayed decisions, and what the decisions change
/// is fed back into the next block's readings — the miners' draws (mode draws of the recorded config) and, when the
/// recorded config has a battery, its SoC and the grid import/export (<see cref="HomeBattery"/>). PV and house load
/// stay as recorded: the miners do not change the sun or the house.
/// <para>
/// The difference method: the battery is simulated twice from the recorded SoC at the start, once under the
/// recorded decisions and once under the what-if, and the what-if reading is the recorded reading plus the
/// difference of the two. The model's own error cancels, so the recorded thresholds reproduce every recorded
/// decision and KPI; other thresholds show only what they change.
/// </para>
/// </summary>
public sealed class WhatIfReplay
{
    private readonly RecordedHistory _history;
    private readonly Func<HistoryConfig, HistoryConfig> _whatIf;
    private readonly Dictionary<HistoryConfig, HistoryConfig> _configs = [];
    private readonly MinerLoop[] _miners;
    private readonly double[] _minerW;
    private readonly double[] _minerDrawDelta;
    private readonly ActuatorChanges _recordedChanges;
    private readonly ActuatorChanges _whatIfChanges;
    private BatteryPair _battery = BatteryPair.Unset;

    public WhatIfReplay(RecordedHistory history, Func<EngineConfig, EngineConfig> engine)
    {
        _history = history;
        _whatIf = recorded => recorded.WithEngine(engine(recorded.Engine));
        _miners = new MinerLoop[history.MinerIds.Count];
        _minerW = new double[Math.Max(1, history.MinerIds.Count)];
        _minerDrawDelta = new double[Math.Max(1, history.MinerIds.Count)];
        _recordedChanges = new ActuatorChanges(history.MinerIds.Count);
        _whatIfChanges = new ActuatorChanges(history.MinerIds.Count);
    }

    public static WhatIfReport Run(RecordedHistory history, Func<EngineConfig, EngineConfig> engine) => new WhatIfReplay(history, engine).Run();

    public WhatIfReport Run()
    {
        var recorded = new KpiTotals();
        var whatIf = new KpiTotals();
        var changed = new List<DecisionDifference>();
        int decided = 0, withBattery = 0, withoutBattery = 0;
        foreach (var block in _history.Blocks)
        {
            var recordedKpis = RecordedKpis.Energy(block.Site, block.MinerPowerW, block.Config);
            RecordedKpis.Count(ref recordedKpis, block, _recordedChanges);
            recorded.Add(recordedKpis);
            if (block.Config is not { } config)
            {
                var kept = recordedKpis with { ActuatorChanges = 0 };
                RecordedKpis.CountEvents(ref kept, block.Events, _whatIfChanges);
                whatIf.Add(kept);
                continue;
            }
            if (config.Battery is null)
            {
                withoutBattery++;
            }
            else
            {
                withBattery++;
            }
            var site = Window(block, config);
            var kpis = RecordedKpis.Energy(site, _minerW.AsSpan(0, Math.Min(block.MinerPowerW.Length, config.Miners.Count)), config);
            kpis.LatencySec = double.NaN;
            decided += Decide(block, config, ref kpis, changed);
            RecordedKpis.CountEvents(ref kpis, block.Events, _whatIfChanges);
            ApplySafetyStops(block);
            whatIf.Add(kpis);
        }
        return new WhatIfReport(decided, changed, recorded, whatIf, withBattery, withoutBattery);
    }

    /// <summary>
    /// The block's window under the what-if: the draws since the previous decisions replace the recorded ones, and
    /// with a battery the grid and SoC follow the difference they make. Fills <see cref="_minerW"/>.
    /// </summary>
    private SiteMeans Window(RecordedBlock block, HistoryConfig config)
    {
        var recordedMinersW = 0.0;
        var drawDelta = 0.0;
        var count = Math.Min(Math.Min(block.MinerPowerW.Length, config.Miners.Count), _minerW.Length);
        for (var i = 0; i < count; i++)
        {
            var slot = config.Miners[i].Slot;
            var delta = _miners[slot].Seen ? _miners[slot].WhatIfDrawW - _miners[slot].RecordedDrawW : 0;
            _minerDrawDelta[i] = delta;
            _minerW[i] = Math.Max(0, block.MinerPowerW[i] + delta);
            recordedMinersW += block.MinerPowerW[i];
            drawDelta += delta;
        }
        var site = block.Site;
        if (config.Battery is not { } battery)
        {
            // No battery to take it: a draw the what-if adds comes off the export first, then from the grid (and one it
            // saves goes back the same way).
            if (drawDelta == 0 || !double.IsFinite(site.GridImportW) || !double.IsFinite(site.GridExportW))
            {
                return site;
            }
            var netExportW = site.GridExportW - site.GridImportW - drawDelta;
            return site with { GridExportW = Math.Max(0, netExportW), GridImportW = Math.Max(0, -netExportW) };
        }
        if (!_battery.Started && double.IsFinite(site.SocPct))
        {
            _battery = BatteryPair.From(site.SocPct);
        }
        var houseW = BlockEnergy.HouseLoadW(site.HouseLoadW, site.PvW, site.GridImportW, site.BatteryPowerW, site.GridExportW, recordedMinersW);
        if (!_battery.Started || !double.IsFinite(site.PvW) || !double.IsFinite(houseW))
        {
            return site;
        }
        var drawsW = RecordedDrawsW(config);
        _battery = _battery.Step(battery, site.PvW - houseW - drawsW, site.PvW - houseW - drawsW - drawDelta);
        return site with
        {
            GridImportW = Math.Max(0, site.GridImportW + _battery.ImportDeltaW),
            GridExportW = Math.Max(0, site.GridExportW + _battery.ExportDeltaW),
            BatteryPowerW = site.BatteryPowerW + _battery.BatteryDeltaW,
            SocPct = Math.Clamp(site.SocPct + _battery.SocDeltaPct, 0, 100),
        };
    }

    private double RecordedDrawsW(HistoryConfig config)
    {
        var sum = 0.0;
        foreach (var miner in config.Miners)
        {
            sum += _miners[miner.Slot].RecordedDrawW;
        }
        return sum;
    }

    /// <summary>The block's decisions again, in priority order; returns how many were taken.</summary>
    private int Decide(RecordedBlock block, HistoryConfig config, ref BlockKpis kpis, List<DecisionDifference> changed)
    {
        var whatIf = WhatIfConfig(config);
        var reservedW = 0.0;
        var earlierInSync = true;
        foreach (ref readonly var recorded in block.Decisions.AsSpan())
        {
            var miner = config.Miners[recorded.Miner];
            ref var loop = ref _miners[miner.Slot];
            if (!loop.Seen)
            {
                loop = MinerLoop.From(recorded, block.BlockIndex);
            }
            var state = Readings(recorded, recorded.Miner < _minerDrawDelta.Length ? _minerDrawDelta[recorded.Miner] : 0,
                config.Battery is not null && _battery.Started ? _battery : BatteryPair.Unset);
            // While a miner's replayed decisions match the record, the recorded context is its track (the readback
            // and any safety stop between ticks included); from the first difference on it carries its own.
            var context = loop.InSync
                ? recorded.Context
                : loop.Track.Context(recorded.Context, recorded.Context.Now, block.BlockIndex) with { ReservedW = reservedW };
            if (loop.InSync && !earlierInSync)
            {
                context = context with { ReservedW = reservedW };
            }
            var decision = DecisionEngine.Decide(state, context, whatIf.MinerEngines[recorded.Miner]);
            if (decision.Code != recorded.Code)
            {
                changed.Add(new DecisionDifference(block.BlockIndex, miner.Id, recorded.Code, decision.Code));
                loop.InSync = false;
            }
            earlierInSync &= loop.InSync;
            kpis.ActuatorChanges += _whatIfChanges.Follow(miner.Slot, decision.Action);
            RecordedKpis.CountDecision(ref kpis, decision.Code, recorded.LatencySec);
            reservedW += ReservedW(miner, decision, context, loop.WhatIfMode);
            loop.Track = new ActuatorTrack(context.Actuator, block.BlockIndex - context.BlocksSinceChange, context.Safety).After(decision);
            loop.Follow(miner, DecisionCodes.Info(recorded.Code), decision.Info);
        }
        return block.Decisions.Length;
    }

    /// <summary>
    /// The recorded readings with what the what-if changed: the miner's draw, and with a battery the SoC, battery
    /// power and grid. The house load is pinned to what the engine derived from the record (exogenous).
    /// </summary>
    private static EnergyState Readings(in RecordedDecision recorded, double drawDeltaW, in BatteryPair battery)
    {
        var state = recorded.State;
        var houseW = state.ValueOrNaN(Signal.HouseLoadW);
        if (double.IsNaN(houseW))
        {
            var minerW = state.ValueOrNaN(Signal.MinerPowerW);
            var actuator = recorded.Context.Actuator;
            if (actuator == ActuatorState.Stop || (actuator == ActuatorState.Unknown && double.IsNaN(minerW)))
            {
                minerW = 0;
            }
            houseW = BlockEnergy.HouseLoadW(double.NaN, state.ValueOrNaN(Signal.PvPowerW), state.ValueOrNaN(Signal.GridImportW),
                state.ValueOrNaN(Signal.BatteryPowerW), state.ValueOrNaN(Signal.GridExportW), minerW);
            if (!double.IsNaN(houseW))
            {
                state = state.With(Signal.HouseLoadW, houseW);
            }
        }
        state = Shift(state, Signal.MinerPowerW, drawDeltaW, 0, double.MaxValue);
        state = Shift(state, Signal.BatterySocPct, battery.SocDeltaPct, 0, 100);
        state = Shift(state, Signal.GridImportW, battery.ImportDeltaW, 0, double.MaxValue);
        state = Shift(state, Signal.GridExportW, battery.ExportDeltaW, 0, double.MaxValue);
        return Shift(state, Signal.BatteryPowerW, battery.BatteryDeltaW, double.MinValue, double.MaxValue);
    }

    /// <summary>Moves a recorded reading by what the what-if changed; a reading the record lacks stays missing.</summary>
    private static EnergyState Shift(EnergyState state, Signal signal, double deltaW, double min, double max) =>
        deltaW != 0 && double.IsFinite(deltaW) && state.Has(signal)
            ? state.With(signal, Math.Clamp(state.ValueOrNaN(signal) + deltaW, min, max))
            : state;

    private HistoryConfig WhatIfConfig(HistoryConfig recorded)
    {
        if (!_configs.TryGetValue(recorded, out var whatIf))
        {
            whatIf = _whatIf(recorded);
            _configs[recorded] = whatIf;
        }
        return whatIf;
    }

    /// <summary>RULES.md §6, as the site reserves: the draw of the mode a miner will run in; nothing when it stops or stays stopped.</summary>
    private static double ReservedW(HistoryMiner miner, in Decision decision, in DecisionContext context, MinerMode runningMode) => decision.Action switch
    {
        DecisionAction.Start or DecisionAction.Throttle => miner.DrawW(decision.Mode),
        DecisionAction.Noop when context.MinerRuns => miner.DrawW(context.Actuator == ActuatorState.Throttle ? MinerMode.Eco : runningMode),
        _ => 0,
    };

    /// <summary>A safety stop between ticks stops the miner under the record and the what-if alike (its cause is recorded, not replayed).</summary>
    private void ApplySafetyStops(RecordedBlock block)
    {
        foreach (var e in block.Events)
        {
            if (e.Kind != RecordedEventKind.SafetyStop || (uint)e.MinerSlot >= (uint)_miners.Length || !_miners[e.MinerSlot].Seen)
            {
                continue;
            }
            ref var loop = ref _miners[e.MinerSlot];
            loop.RecordedDrawW = 0;
            loop.WhatIfDrawW = 0;
            loop.Track = loop.Track.After(new Decision { Code = e.Code, BlockIndex = block.BlockIndex, Safety = loop.Track.Safety });
        }
    }

    /// <summary>One miner's what-if loop: its track, whether it still matches the record, and both draws.</summary>
    private struct MinerLoop
    {
        public bool Seen;
        public bool InSync;
        public ActuatorTrack Track;
        public MinerMode RecordedMode;
        public MinerMode WhatIfMode;
        public double RecordedDrawW;
        public double WhatIfDrawW;

        /// <summary>Starts where the record starts: the first decision's context, its measured draw in both loops.</summary>
        public static MinerLoop From(in RecordedDecision first, long blockIndex)
        {
            var context = first.Context;
            var drawW = first.State.ValueOrNaN(Signal.MinerPowerW);
            var mode = context.Actuator switch
            {
                ActuatorState.Throttle => MinerMode.Eco,
                ActuatorState.Start => MinerMode.Standard,
                _ => MinerMode.None,
            };
            return new MinerLoop
            {
                Seen = true,
                InSync = true,
                Track = new ActuatorTrack(context.Actuator, blockIndex - context.BlocksSinceChange, context.Safety),
                RecordedMode = mode,
                WhatIfMode = mode,
                RecordedDrawW = double.IsFinite(drawW) ? drawW : 0,
                WhatIfDrawW = double.IsFinite(drawW) ? drawW : 0,
            };
        }

        /// <summary>The draws after the recorded and the what-if decision: a START or THROTTLE sets its mode's draw, a STOP none, a NOOP keeps it.</summary>
        public void Follow(HistoryMiner miner, DecisionCodeInfo recorded, DecisionCodeInfo whatIf)
        {
            (RecordedMode, RecordedDrawW) = After(miner, recorded, RecordedMode, RecordedDrawW);
            (WhatIfMode, WhatIfDrawW) = After(miner, whatIf, WhatIfMode, WhatIfDrawW);
        }

        private static (MinerMode, double) After(HistoryMiner miner, DecisionCodeInfo info, MinerMode mode, double drawW) => info.Action switch
        {
            DecisionAction.Start or DecisionAction.Throttle => (info.Mode, miner.DrawW(info.Mode)),
            DecisionAction.Stop => (MinerMode.None, 0),
            _ => (mode, drawW),
        };
    }

    /// <summary>
    /// The battery under the recorded and the what-if decisions, both from the recorded SoC at the start; what the
    /// what-if reads is the record plus their difference.
    /// </summary>
    private readonly record struct BatteryPair(bool Started, EnergyFlow Recorded, EnergyFlow WhatIf)
    {
        public static BatteryPair Unset => default;

        public static BatteryPair From(double socPct) => new(true, new EnergyFlow(socPct, 0, 0, 0), new EnergyFlow(socPct, 0, 0, 0));

        public BatteryPair Step(HomeBattery battery, double recordedNetW, double whatIfNetW) => this with
        {
            Recorded = battery.Step(Recorded.SocPct, recordedNetW, BlockEnergy.Hours),
            WhatIf = battery.Step(WhatIf.SocPct, whatIfNetW, BlockEnergy.Hours),
        };

        public double SocDeltaPct => Started ? WhatIf.SocPct - Recorded.SocPct : 0;

        public double ImportDeltaW => Started ? WhatIf.ImportW - Recorded.ImportW : 0;

        public double ExportDeltaW => Started ? WhatIf.ExportW - Recorded.ExportW : 0;

        public double BatteryDeltaW => Started ? WhatIf.BatteryW - Recorded.BatteryW : 0;
    }
}
