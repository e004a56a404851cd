using System.Globalization;
using BitGridAI.Cli.Replay;
using BitGridAI.Cli.Synth;
using BitGridAI.Domain.Config;
using BitGridAI.Domain.Decisions;
using BitGridAI.Domain.Engine;
using BitGridAI.Domain.Time;

namespace BitGridAI.Cli.Demo;

/// <summary>
/// <c>bitgrid demo [--day N] [--seed S]</c>: replays one built-in synthetic day through the engine and
/// prints each block's decision as a table a person can read.
/// </summary>
internal static class DemoCommand
{
    public static int Run(Arguments args, CliIO io)
    {
        var day = args.IntOption("day", 150, 1, 365);
        var seed = (ulong)args.IntOption("seed", 4, 0, int.MaxValue);
        args.RejectUnknown(maxPositionals: 0);

        var rows = new SyntheticSite(seed).Generate(day).Skip((day - 1) * 144).ToList();
        var replay = new SeriesReplay(EngineConfig.Default, new DecisionContext
        {
            Autonomy = Autonomy.Full,
            Strategy = Strategy.Surplus,
            Trigger = Trigger.BlockTick,
        });

        using var output = new StreamWriter(io.Out, leaveOpen: true);
        var date = SeriesCsvReader.OffsetEpoch.AddMinutes(rows[0].OffsetMin);
        output.WriteLine($"BitGridAI demo: a synthetic day ({date:yyyy-MM-dd}, seed {seed}) replayed through the decision engine at default settings.");
        output.WriteLine("10 kWp PV, 10 kWh battery, one 1674 W miner; every 10-minute block gets a decision and a reason.");
        output.WriteLine();
        output.WriteLine(Line("block (UTC)", "PV kW", "house kW", "SoC %", "grid kW", "ct/kWh", "chip °C", "miner", "decision", "why"));
        output.WriteLine(new string('─', 160));
        foreach (var row in rows)
        {
            var time = SeriesCsvReader.OffsetEpoch.AddMinutes(row.OffsetMin);
            var decision = replay.Step(row.ToState(), time, out _);
            var info = decision.Info;
            output.WriteLine(Line(
                BlockClock.IdOf(decision.BlockIndex)[11..16],
                Kilo(row.PvPowerW),
                Kilo(row.HouseLoadW),
                Number(row.BatterySocPct, "F0"),
                Kilo(row.GridImportW - row.GridExportW),
                Number(row.EnergyPriceCtKwh, "F1"),
                Number(row.MinerTempC, "F0"),
                MinerText(replay.Track.Actuator),
                info.Name,
                decision.Explanation));
        }
        return 0;
    }

    private static string Line(string time, string pv, string house, string soc, string grid, string price, string temp,
        string miner, string code, string why) =>
        $"{time,-11} {pv,6} {house,8} {soc,5} {grid,7} {price,6} {temp,7}  {miner,-9} {code,-34} {why}";

    /// <summary>What the miner does after the decision, so a NOOP reads as "keeps running" or "stays stopped".</summary>
    private static string MinerText(ActuatorState actuator) => actuator switch
    {
        ActuatorState.Start => "running",
        ActuatorState.Throttle => "throttled",
        ActuatorState.Stop => "stopped",
        _ => "unknown",
    };

    private static string Kilo(double? watts) => Number(watts / 1000, "F2");

    private static string Number(double? value, string format) =>
        value is { } v && double.IsFinite(v) ? v.ToString(format, CultureInfo.InvariantCulture) : "—";
}
