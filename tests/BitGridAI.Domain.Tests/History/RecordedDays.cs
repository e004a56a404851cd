using BitGridAI.Domain.Config;
using BitGridAI.Domain.Decisions;
using BitGridAI.Domain.Engine;
using BitGridAI.Domain.History;
using BitGridAI.Domain.Kpis;
using BitGridAI.Domain.Physics;
using BitGridAI.Domain.Signals;
using BitGridAI.Domain.Time;

namespace BitGridAI.Domain.Tests.History;

/// <summary>Recorded blocks in memory, as a live site closed-loop with the engine would have left them: clear-sky PV with clouds, the house profile, a battery, one miner.</summary>
internal static class RecordedDays
{
    public static readonly HomeBattery Battery = new(10_000, 5_000, 5_000, 0.95, 10);

    public static RecordedHistory Closed(int blocks, bool battery = true)
    {
        var miner = new HistoryMiner("m1", 0, 1500, 800, null, null, null, 100);
        var config = new HistoryConfig("c", EngineConfig.Default, Strategy.Surplus, [miner], battery ? Battery : null, new HistoryEconomics(50, 8, 1000));
        var template = new DecisionContext { Autonomy = Autonomy.Full, Strategy = Strategy.Surplus, Trigger = Trigger.BlockTick };
        var first = BlockClock.IndexOf(new DateTimeOffset(2026, 6, 21, 0, 0, 0, TimeSpan.Zero));
        var track = ActuatorTrack.Initial;
        var flow = new EnergyFlow(60, 0, 0, 0);
        var drawW = 0.0;
        var list = new List<RecordedBlock>();
        for (var k = 0; k < blocks; k++)
        {
            var block = first + k;
            var hour = (k % 144) / 6.0;
            var pvW = SitePhysics.ClearSkyPvW(9000, 1, hour) * (k % 7 < 3 ? 0.45 : 1);
            var houseW = SitePhysics.HouseLoadW(300, 200, 1, hour);
            var netW = pvW - houseW - drawW;
            flow = battery ? Battery.Step(flow.SocPct, netW, BlockEnergy.Hours) : new EnergyFlow(60, 0, Math.Max(0, -netW), Math.Max(0, netW));
            var state = EnergyState.Empty
                .With(Signal.PvPowerW, pvW)
                .With(Signal.GridImportW, flow.ImportW)
                .With(Signal.GridExportW, flow.ExportW)
                .With(Signal.BatterySocPct, flow.SocPct)
                .With(Signal.BatteryPowerW, flow.BatteryW)
                .With(Signal.MinerTempC, 60)
                .With(Signal.MinerHeartbeatAgeSec, 5)
                .With(Signal.MinerPowerW, drawW);
            var context = track.Context(template, BlockClock.StartOf(block).AddSeconds(1), block);
            var decision = DecisionEngine.Decide(state, context, config.MinerEngines[0]);
            list.Add(new RecordedBlock(block, config, new SiteMeans(pvW, double.NaN, flow.ImportW, flow.ExportW, flow.BatteryW, flow.SocPct), [drawW],
                [new RecordedDecision(0, decision.Code, state, context, 1)], []));
            track = track.After(decision);
            drawW = decision.Action switch
            {
                DecisionAction.Start or DecisionAction.Throttle => miner.DrawW(decision.Mode),
                DecisionAction.Stop => 0,
                _ => drawW,
            };
        }
        return new RecordedHistory(list, ["m1"], 0);
    }
}
