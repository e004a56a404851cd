using System.Diagnostics;
using System.Globalization;
using BitGridAI.Domain.Config;
using BitGridAI.Domain.Decisions;
using BitGridAI.Domain.Engine;
using BitGridAI.Domain.Fleet;
using BitGridAI.Domain.Physics;
using BitGridAI.Domain.Signals;
using BitGridAI.Domain.Time;

namespace BitGridAI.Benchmarks;

/// <summary>
/// Issue 14's comparison: the same simulated days (site physics, 10 kWp, a 10 kWh battery, clouds from a fixed seed)
/// with the standalone site's three miners — an Avalon (800 / 1,674 / 2,000 W, 90 TH/s at standard), a LuxOS machine
/// (2,200 / 3,250 / 3,600 W, 110 TH/s) and a Bitaxe (10 / 15 / 20 W, 1.2 TH/s) — controlled by fleet allocation and by
/// single on/off control (each miner decided alone on the engine's surplus thresholds, RULES.md §6's reservation
/// between them). Then the allocation's time per block.
/// </summary>
internal static class FleetBenchmark
{
    private sealed record Miner(string Id, int Priority, double EcoW, double StandardW, double SuperW, double HashrateThs)
    {
        public double[] Steps => [EcoW, StandardW, SuperW];

        public double DrawOf(MinerMode mode) => mode switch { MinerMode.Eco => EcoW, MinerMode.Super => SuperW, _ => StandardW };
    }

    private sealed record Totals(double ExportKwh, double ImportKwh, double ImportWhileMiningKwh, double MinerKwh, double Sats, int Changes);

    private static readonly Miner[] Fleet =
    [
        new("avalon", 1, 800, 1674, 2000, 90),
        new("luxos", 2, 2200, 3250, 3600, 110),
        new("bitaxe", 3, 10, 15, 20, 1.2),
    ];

    private const double HashpriceSatsPerThDay = 50;
    private static readonly HomeBattery Battery = new(10_000, 5000, 5000, 0.95, 10);

    public static int Run()
    {
        // One day in the middle of every month, the same clouds for both controls.
        var days = Enumerable.Range(1, 12).Select(month => new DateOnly(2026, month, 15)).ToArray();
        var fleet = Simulate(days, fleetControl: true);
        var single = Simulate(days, fleetControl: false);
        Print("fleet", fleet);
        Print("single", single);
        Console.WriteLine($"fleet_days={days.Length}");

        foreach (var count in new[] { 3, 10, 50 })
        {
            var (mean, p99) = AllocationTime(count);
            Console.WriteLine($"fleet_allocation_us_mean_{count}_miners={mean.ToString("F1", CultureInfo.InvariantCulture)}");
            Console.WriteLine($"fleet_allocation_us_p99_{count}_miners={p99.ToString("F1", CultureInfo.InvariantCulture)}");
        }
        return 0;
    }

    private static void Print(string name, Totals t)
    {
        string F(double v, string format = "F1") => v.ToString(format, CultureInfo.InvariantCulture);
        Console.WriteLine($"{name}_export_kwh={F(t.ExportKwh)}");
        Console.WriteLine($"{name}_import_kwh={F(t.ImportKwh)}");
        Console.WriteLine($"{name}_import_while_mining_kwh={F(t.ImportWhileMiningKwh)}");
        Console.WriteLine($"{name}_miner_kwh={F(t.MinerKwh)}");
        Console.WriteLine($"{name}_sats={F(t.Sats, "F0")}");
        Console.WriteLine($"{name}_sats_per_kwh={F(t.MinerKwh > 0 ? t.Sats / t.MinerKwh : 0, "F0")}");
        Console.WriteLine($"{name}_miner_changes={t.Changes}");
    }

    private static Totals Simulate(IEnumerable<DateOnly> days, bool fleetControl)
    {
        double export = 0, import = 0, importMining = 0, minerWh = 0, sats = 0;
        var changes = 0;
        foreach (var day in days)
        {
            var clouds = new Random(day.DayNumber);
            var season = SitePhysics.Season(day.DayOfYear - 1);
            var draws = Fleet.ToDictionary(m => m.Id, _ => 0.0);
            var actuators = Fleet.ToDictionary(m => m.Id, _ => ActuatorState.Stop);
            var lastChange = Fleet.ToDictionary(m => m.Id, _ => long.MinValue / 2);
            var soc = 50.0;
            var previous = (Pv: 0.0, House: 0.0, Flow: new EnergyFlow(soc, 0, 0, 0));
            var cloud = 1.0;
            for (var b = 0; b < 144; b++)
            {
                var start = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).AddMinutes(10 * b);
                var block = BlockClock.IndexOf(start);
                // Decide at the boundary on what the last block saw, then run the block with the new draws.
                var decided = Decide(fleetControl, start, block, previous.Pv, previous.House, previous.Flow, actuators, lastChange, draws);
                foreach (var (id, (actuator, drawW)) in decided)
                {
                    if (actuator != actuators[id] && actuator != ActuatorState.Unknown)
                    {
                        changes++;
                        lastChange[id] = block;
                        actuators[id] = actuator;
                    }
                    draws[id] = drawW;
                }
                cloud = Math.Clamp(cloud + ((clouds.NextDouble() - 0.5) * 0.4), 0.2, 1);
                var hour = (b + 0.5) / 6;
                var pv = SitePhysics.ClearSkyPvW(10_000, season, hour) * cloud;
                var house = SitePhysics.HouseLoadW(350, 400, season, hour);
                var miners = draws.Values.Sum();
                var flow = Battery.Step(soc, pv - house - miners, 1.0 / 6);
                soc = flow.SocPct;
                export += flow.ExportW / 6;
                import += flow.ImportW / 6;
                importMining += miners > 0 ? flow.ImportW / 6 : 0;
                minerWh += miners / 6;
                sats += Fleet.Sum(m => m.HashrateThs * draws[m.Id] / m.StandardW) * HashpriceSatsPerThDay / 144;
                previous = (pv, house, flow);
            }
        }
        return new Totals(export / 1000, import / 1000, importMining / 1000, minerWh / 1000, sats, changes);
    }

    private static Dictionary<string, (ActuatorState Actuator, double DrawW)> Decide(bool fleetControl, DateTimeOffset now, long block,
        double pv, double house, EnergyFlow flow, Dictionary<string, ActuatorState> actuators, Dictionary<string, long> lastChange, Dictionary<string, double> draws)
    {
        var site = EnergyState.Empty
            .With(Signal.PvPowerW, pv).With(Signal.HouseLoadW, house)
            .With(Signal.GridImportW, flow.ImportW).With(Signal.GridExportW, flow.ExportW)
            .With(Signal.BatterySocPct, flow.SocPct).With(Signal.BatteryPowerW, flow.BatteryW)
            .With(Signal.EnergyPriceCtKwh, 10);
        var config = EngineConfig.Default;
        DecisionContext ContextOf(Miner m) => new()
        {
            Now = now,
            Actuator = actuators[m.Id],
            BlocksSinceChange = block - lastChange[m.Id],
            Autonomy = Autonomy.Full,
            Strategy = Strategy.Surplus,
            Safety = new SafetyMemory(null, true),
            Trigger = Trigger.BlockTick,
        };
        EnergyState StateOf(Miner m) => site.With(Signal.MinerTempC, 55).With(Signal.MinerHeartbeatAgeSec, 5).With(Signal.MinerPowerW, draws[m.Id]);

        var result = new Dictionary<string, (ActuatorState, double)>();
        if (fleetControl)
        {
            var members = Fleet.Select(m => new FleetMember(new FleetMiner(m.Id, m.Priority, m.Steps, null, null, draws[m.Id]), StateOf(m), ContextOf(m), config)).ToArray();
            foreach (var outcome in FleetDecision.Decide(members, config))
            {
                var drawW = outcome.Decision.TargetW ?? 0;
                result[outcome.MinerId] = (drawW <= 0 ? ActuatorState.Stop : outcome.Decision.Mode == MinerMode.Eco ? ActuatorState.Throttle : ActuatorState.Start, drawW);
            }
            return result;
        }
        // Single on/off control: each miner alone on the thresholds, the ones before it reserved (RULES.md §6).
        var reserved = 0.0;
        foreach (var m in Fleet.OrderBy(m => m.Priority))
        {
            var context = ContextOf(m) with { ReservedW = reserved };
            var decision = DecisionEngine.Decide(StateOf(m), context, config);
            var (actuator, drawW) = decision.Action switch
            {
                DecisionAction.Start => (ActuatorState.Start, m.DrawOf(decision.Mode)),
                DecisionAction.Throttle => (ActuatorState.Throttle, m.EcoW),
                DecisionAction.Stop => (ActuatorState.Stop, 0.0),
                _ => (actuators[m.Id], draws[m.Id]),
            };
            result[m.Id] = (actuator, drawW);
            reserved += drawW;
        }
        return result;
    }

    /// <summary>Microseconds per block of the whole fleet decision (every miner's engine run and the allocation).</summary>
    private static (double Mean, double P99) AllocationTime(int miners)
    {
        var now = new DateTimeOffset(2026, 6, 21, 12, 0, 0, TimeSpan.Zero);
        var config = EngineConfig.Default;
        var site = EnergyState.Empty.With(Signal.PvPowerW, 9000).With(Signal.HouseLoadW, 800).With(Signal.GridImportW, 0)
            .With(Signal.GridExportW, 0).With(Signal.BatterySocPct, 80).With(Signal.BatteryPowerW, 0).With(Signal.EnergyPriceCtKwh, 10);
        var members = Enumerable.Range(0, miners).Select(i =>
        {
            var template = Fleet[i % Fleet.Length];
            return new FleetMember(new FleetMiner($"{template.Id}-{i}", i + 1, template.Steps, null, null, i % 2 == 0 ? template.StandardW : 0),
                site.With(Signal.MinerTempC, 55).With(Signal.MinerHeartbeatAgeSec, 5),
                new DecisionContext { Now = now, Actuator = i % 2 == 0 ? ActuatorState.Start : ActuatorState.Stop, BlocksSinceChange = 5, Autonomy = Autonomy.Full, Strategy = Strategy.Surplus, Safety = new SafetyMemory(null, true) },
                config);
        }).ToArray();
        for (var i = 0; i < 2000; i++)
        {
            FleetDecision.Decide(members, config); // warm-up
        }
        var samples = new double[20_000];
        for (var i = 0; i < samples.Length; i++)
        {
            var started = Stopwatch.GetTimestamp();
            FleetDecision.Decide(members, config);
            samples[i] = Stopwatch.GetElapsedTime(started).TotalMicroseconds;
        }
        Array.Sort(samples);
        return (samples.Average(), samples[(int)(samples.Length * 0.99)]);
    }
}
