using System.Collections.Immutable;
using System.Diagnostics;
using BitGridAI.Grains.Abstractions.Messages;
using BitGridAI.Grains.Abstractions.Recording;
using BitGridAI.Storage;
using BitGridAI.Storage.EventLog;
using Microsoft.Data.Sqlite;

namespace BitGridAI.Benchmarks;

/// <summary>
/// The event log on a file in a temp directory: appends of realistic decision records (≈ 850 bytes, as the silo
/// writes them) in batches of 1,000 with the hash chain, then a full verification of the chain. Median of 3 runs.
/// </summary>
internal static class EventLogBenchmark
{
    private const int Records = 200_000;
    private const int Batch = 1_000;
    private const int Runs = 3;

    public static int Run()
    {
        var entries = Entries();
        var appends = new List<double>();
        var verifies = new List<double>();
        for (var run = 0; run < Runs; run++)
        {
            var dir = Directory.CreateTempSubdirectory("bitgrid-log-bench-").FullName;
            try
            {
                var store = new EventLogStore(new SqliteDatabase(EventLogStore.PathIn(dir)));
                var watch = Stopwatch.StartNew();
                for (var i = 0; i < Records; i += Batch)
                {
                    store.Append(entries.Slice(i, Batch));
                }
                appends.Add(Records / watch.Elapsed.TotalSeconds);

                watch.Restart();
                var report = ChainVerifier.Verify(store);
                verifies.Add(report.Records / watch.Elapsed.TotalSeconds);
                if (!report.Intact || report.Records != Records)
                {
                    Console.Error.WriteLine($"the benchmark's chain did not verify: {report.FirstBreak?.Reason}");
                    return 1;
                }
            }
            finally
            {
                SqliteConnection.ClearAllPools();
                Directory.Delete(dir, recursive: true);
            }
        }
        Console.WriteLine($"log_records={Records}");
        Console.WriteLine($"log_batch={Batch}");
        Console.WriteLine($"log_append_per_s={Median(appends):F0}");
        Console.WriteLine($"log_verify_per_s={Median(verifies):F0}");
        return 0;
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    private static ImmutableArray<LogEntry> Entries()
    {
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var builder = ImmutableArray.CreateBuilder<LogEntry>(Records);
        for (var i = 0; i < Records; i++)
        {
            var at = start.AddMinutes(10 * i);
            var decision = new DecisionRecord("home", "miner-1", i + 1, at.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture),
                "START_R1_SURPLUS_OK", "START", "standard", "BLOCK_TICK", "Surplus of 2.4 kW ≥ 1.5 kW: the miner runs at full power.",
                ImmutableDictionary<string, double?>.Empty.Add("surplus_kw", 2.4 + (i % 7)).Add("surplus_min_kw", 1.5).Add("battery_soc_pct", 80),
                [], [], null, null, at, at.AddMinutes(20))
            {
                Inputs = new DecisionInputs(
                    ImmutableDictionary<string, double>.Empty.Add("pv_power_w", 5200 + i % 100).Add("house_load_w", 600).Add("grid_import_w", 0)
                        .Add("battery_soc_pct", 80).Add("miner_temp_c", 60).Add("miner_heartbeat_age_sec", 3),
                    [], at, "START", 4, "FULL", "surplus", null, null, false, false, 0, null, true, "BLOCK_TICK"),
                ConfigHash = "25f62fdf1349e2ac0157072f35ba6624d898877b024d369a95875991f4681dd6",
            };
            builder.Add(LogEntries.Of(decision));
        }
        return builder.MoveToImmutable();
    }
}
