using System.Collections.Immutable;
using BitGridAI.Domain.Config;
using BitGridAI.Domain.Decisions;
using BitGridAI.Domain.Engine;
using BitGridAI.Domain.Physics;
using BitGridAI.Domain.Signals;
using BitGridAI.Domain.Time;
using BitGridAI.Grains.Abstractions.Messages;
using BitGridAI.Grains.Abstractions.Recording;
using BitGridAI.Grains.Abstractions.Site;
using BitGridAI.Storage;
using BitGridAI.Storage.EventLog;

namespace BitGridAI.Cli.Tests.Support;

/// <summary>
/// Writes a recorded history as the silo would: a config record, then per block its block record and one
/// decision per miner with inputs and config hash — from a deterministic site (clear-sky PV, the house profile, a
/// battery) run closed-loop through the engine. Shared by the CLI tests and the history benchmark.
/// </summary>
internal static class SyntheticHistory
{
    public const string SiteId = "home";

    public static readonly DateTimeOffset Start = new(2026, 6, 21, 0, 0, 0, TimeSpan.Zero);

    public static readonly SiteBattery BatterySize = new(10_000, 5_000, 5_000, 0.95, 10);

    public static SiteDefinition Site(bool battery = true) => new(
        SiteId,
        [
            new DeviceDefinition("pv-1", DeviceKind.PvInverter),
            new DeviceDefinition("meter-1", DeviceKind.GridMeter),
            new DeviceDefinition("battery-1", DeviceKind.Battery),
            new DeviceDefinition("miner-1", DeviceKind.Miner, RatedPowerW: 1500, Priority: 0) { EcoDrawW = 800, RatedHashrateThs = 100 },
        ],
        EngineConfig.Default,
        Autonomy.Full,
        Strategy.Surplus)
    {
        Battery = battery ? BatterySize : null,
    };

    /// <summary>A fresh data directory holding <paramref name="blocks"/> recorded blocks.</summary>
    public static EventLogStore Create(string dataDir, int blocks, bool battery = true, Func<int, DecisionRecord, DecisionRecord>? alter = null) =>
        Create(dataDir, Entries(blocks, battery, alter));

    /// <summary>A fresh data directory holding <paramref name="entries"/>.</summary>
    public static EventLogStore Create(string dataDir, IReadOnlyList<LogEntry> entries)
    {
        Directory.CreateDirectory(dataDir);
        var store = new EventLogStore(new SqliteDatabase(EventLogStore.PathIn(dataDir), create: true));
        foreach (var chunk in entries.Chunk(4000))
        {
            store.Append(chunk);
        }
        return store;
    }

    /// <summary>The log entries of <paramref name="blocks"/> blocks; <paramref name="alter"/> may change the recorded decision of block k.</summary>
    public static List<LogEntry> Entries(int blocks, bool battery = true, Func<int, DecisionRecord, DecisionRecord>? alter = null)
    {
        var site = Site(battery);
        var config = SiteConfigDocument.Of(site);
        var miner = site.Miners.Single();
        var physics = new HomeBattery(BatterySize.CapacityWh, BatterySize.MaxChargeW, BatterySize.MaxDischargeW, BatterySize.ChargeEfficiency, BatterySize.FloorPct);
        var entries = new List<LogEntry> { LogEntries.Of(config, SiteId, Start) };
        var template = new DecisionContext { Autonomy = Autonomy.Full, Strategy = Strategy.Surplus, Trigger = Trigger.BlockTick };
        var track = ActuatorTrack.Initial;
        var first = BlockClock.IndexOf(Start);
        var flow = new EnergyFlow(60, 0, 0, 0);
        var drawW = 0.0;
        var sequence = 0L;
        for (var k = 0; k < blocks; k++)
        {
            var block = first + k;
            var windowStart = BlockClock.StartOf(block - 1);
            var now = BlockClock.StartOf(block).AddSeconds(2);
            var hour = (windowStart - windowStart.Date).TotalHours;
            var season = SitePhysics.Season(windowStart.DayOfYear - 1);
            // A cloud pattern that repeats every 7 blocks keeps the surplus moving around the thresholds.
            var pvW = SitePhysics.ClearSkyPvW(9000, season, hour) * (k % 7 < 3 ? 0.45 : 1);
            var houseW = SitePhysics.HouseLoadW(300, 200, season, hour);
            var netW = pvW - houseW - drawW;
            flow = physics.Step(flow.SocPct, netW, 10.0 / 60);
            if (!battery)
            {
                flow = new EnergyFlow(flow.SocPct, 0, Math.Max(0, -netW), Math.Max(0, netW));
            }
            var state = EnergyState.Empty
                .With(Signal.PvPowerW, pvW)
                .With(Signal.GridImportW, flow.ImportW)
                .With(Signal.GridExportW, flow.ExportW)
                .With(Signal.BatterySocPct, flow.SocPct)
                .With(Signal.BatteryPowerW, flow.BatteryW)
                .With(Signal.MinerTempC, drawW > 0 ? 70 : 30)
                .With(Signal.MinerHeartbeatAgeSec, 5)
                .With(Signal.MinerPowerW, drawW);
            var context = track.Context(template, now, block);
            var decision = DecisionEngine.Decide(state, context, site.EngineFor(miner));
            var info = decision.Info;
            var record = new DecisionRecord(SiteId, miner.Id, ++sequence, BlockClock.IdOf(block), info.Name, DecisionText.Of(info.Action),
                DecisionText.Of(info.Mode), "BLOCK_TICK", decision.Explanation, ImmutableDictionary<string, double?>.Empty, [], [], null, null,
                now, BlockClock.ValidUntil(block))
            {
                Inputs = DecisionInputs.From(state, context),
                ConfigHash = config.Hash,
            };
            var windows = ImmutableArray.Create(
                Window("pv-1", windowStart, (Signal.PvPowerW, pvW)),
                Window("meter-1", windowStart, (Signal.GridImportW, flow.ImportW), (Signal.GridExportW, flow.ExportW)),
                Window("battery-1", windowStart, (Signal.BatterySocPct, flow.SocPct), (Signal.BatteryPowerW, flow.BatteryW)),
                Window("miner-1", windowStart, (Signal.MinerTempC, drawW > 0 ? 70 : 30), (Signal.MinerPowerW, drawW)));
            record = alter?.Invoke(k, record) ?? record;
            entries.Add(LogEntries.Of(new BlockRecord(SiteId, BlockClock.IdOf(block), windowStart, now, windows, [record], now), config.Hash));
            entries.Add(LogEntries.Of(record));
            track = track.After(decision);
            drawW = decision.Action switch
            {
                DecisionAction.Start or DecisionAction.Throttle => miner.DrawW(decision.Mode),
                DecisionAction.Stop => 0,
                _ => drawW,
            };
        }
        return entries;
    }

    private static DeviceWindow Window(string deviceId, DateTimeOffset windowStart, params (Signal Signal, double Value)[] signals) => new(
        deviceId,
        [.. signals.Select(s => new WindowSummary(s.Signal, 60, s.Value, s.Value, s.Value, windowStart.AddMinutes(10)))],
        windowStart.AddMinutes(10),
        0);
}
