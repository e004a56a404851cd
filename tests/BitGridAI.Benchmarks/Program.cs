using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using BitGridAI.Benchmarks;

// BenchmarkDotNet measures; this program prints the key figures as key=value lines for scripts/bench.sh.
var which = args.Length > 0 ? args[0] : "engine";
if (which == "grains")
{
    return await GrainsBenchmark.RunAsync();
}
if (which == "safety")
{
    // The in-memory miner port first, then the same path over the real protocols, in one run so they compare.
    var inMemory = await SafetyBenchmark.RunAsync();
    var real = inMemory != 0 ? inMemory : await RealSafetyBenchmark.RunAsync();
    return real != 0 ? real : await HungCommandSafetyBenchmark.RunAsync();
}
if (which == "modbus")
{
    return await ModbusBenchmark.RunAsync(args.Length > 1 ? args[1] : "tests/BitGridAI.Adapters.Tests/Peers/sunspec_server.py");
}
if (which == "log")
{
    return EventLogBenchmark.Run();
}
if (which == "mqtt")
{
    return await MqttBenchmark.RunAsync();
}
if (which == "history")
{
    return HistoryBenchmark.Run();
}
if (which == "api")
{
    return await ApiBenchmark.RunAsync(args.Length > 1 ? args[1] : "src/BitGridAI.Silo/bin/Release/net10.0/bitgrid-silo.dll");
}
if (which == "cluster")
{
    // cluster SILO_DLL CONNECTION WORK_DIR [SITES] [WARM_UP_S] [WINDOW_S] [SAFETY_TRIALS]
    int Arg(int i, int fallback) => args.Length > i ? int.Parse(args[i], System.Globalization.CultureInfo.InvariantCulture) : fallback;
    return await ClusterBenchmark.RunAsync(args[1], args[2], args[3], Arg(4, 50), TimeSpan.FromSeconds(Arg(5, 90)), TimeSpan.FromSeconds(Arg(6, 180)), Arg(7, 20));
}
if (which == "fleet")
{
    return FleetBenchmark.Run();
}
if (which == "explain")
{
    return ExplainBenchmark.Run();
}
if (which != "engine")
{
    Console.Error.WriteLine($"unknown benchmark '{which}' (known: engine, grains, safety, modbus, mqtt, log, history, explain, api, cluster, fleet)");
    return 2;
}

var config = ManualConfig.Create(DefaultConfig.Instance)
    .AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance))
    .WithOptions(ConfigOptions.DisableLogFile);
var summary = BenchmarkRunner.Run<EngineBenchmark>(config);
var report = summary.Reports.Single();
if (report.ResultStatistics is null)
{
    Console.Error.WriteLine("the engine benchmark produced no result");
    return 1;
}
var nanosecondsPerDecision = report.ResultStatistics.Mean;
var allocated = report.GcStats.GetBytesAllocatedPerOperation(report.BenchmarkCase) ?? -1;
Console.WriteLine($"engine_ns_per_decision={nanosecondsPerDecision:F2}");
Console.WriteLine($"engine_decisions_per_s={1e9 / nanosecondsPerDecision:F0}");
Console.WriteLine($"engine_allocated_bytes_per_decision={allocated}");
return 0;
