using System.Diagnostics;
using System.Globalization;
using BitGridAI.Cli.Tests.Support;
using BitGridAI.Domain.History;
using BitGridAI.Domain.Kpis;
using BitGridAI.Storage.History;

namespace BitGridAI.Benchmarks;

/// <summary>
/// History replay over a recorded year: writes 52,560 blocks with their decisions through the event log to a
/// temporary data directory, then times loading them from SQLite and the what-if replay with its KPIs (the
/// median of several runs), and prints both as blocks per second.
/// </summary>
public static class HistoryBenchmark
{
    private const int YearBlocks = 52_560;
    private const int Runs = 7;

    public static int Run()
    {
        var dataDir = Path.Combine(Path.GetTempPath(), "bitgrid-history-bench-" + Guid.NewGuid().ToString("N"));
        try
        {
            var write = Stopwatch.StartNew();
            var store = SyntheticHistory.Create(dataDir, YearBlocks);
            Console.Error.WriteLine($"wrote a recorded year ({YearBlocks} blocks) in {write.Elapsed.TotalSeconds:F1} s");

            var loads = new List<double>();
            RecordedHistory history = null!;
            for (var i = 0; i < 3; i++)
            {
                var watch = Stopwatch.StartNew();
                history = RecordedHistoryReader.Load(store);
                loads.Add(history.Blocks.Count / watch.Elapsed.TotalSeconds);
            }
            if (history.Blocks.Count != YearBlocks || history.SkippedRecords != 0)
            {
                Console.Error.WriteLine($"loaded {history.Blocks.Count} blocks, skipped {history.SkippedRecords} records: expected {YearBlocks} and none");
                return 1;
            }

            var raised = (Func<Domain.Config.EngineConfig, Domain.Config.EngineConfig>)(c => c with { SurplusMinKw = 3, SurplusThrottleMinKw = 2 });
            var replays = new List<double>();
            var changed = 0;
            for (var i = 0; i < Runs; i++)
            {
                var watch = Stopwatch.StartNew();
                var report = WhatIfReplay.Run(history, raised);
                replays.Add(history.Blocks.Count / watch.Elapsed.TotalSeconds);
                changed = report.Changed.Count;
            }
            var check = Stopwatch.StartNew();
            var reproduced = DeterminismCheck.Run(history);
            var kpis = new RecordedKpis(history.MinerIds.Count);
            var totals = new KpiTotals();
            foreach (var block in history.Blocks)
            {
                totals.Add(kpis.Of(block));
            }
            var checkPerSecond = history.Blocks.Count / check.Elapsed.TotalSeconds;

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"history_replay_blocks_per_s={Median(replays):F0}"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"history_load_blocks_per_s={Median(loads):F0}"));
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"what-if changed {changed} decisions; determinism check + recorded KPIs: {checkPerSecond:F0} blocks/s, {reproduced.Checked - reproduced.Mismatches.Count} of {reproduced.Checked} reproduced, {totals.MinerKwh:F0} kWh mined"));
            return reproduced.Reproduced ? 0 : 1;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(dataDir, recursive: true);
        }
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        return values[values.Count / 2];
    }
}
