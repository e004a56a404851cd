using System.Diagnostics;
using BitGridAI.Domain.Config;
using BitGridAI.Domain.Decisions;
using BitGridAI.Domain.Signals;
using BitGridAI.Domain.Time;
using BitGridAI.Grains.Abstractions.Devices;
using BitGridAI.Grains.Abstractions.Messages;
using BitGridAI.Grains.Abstractions.Site;
using Microsoft.Extensions.Time.Testing;

namespace BitGridAI.Benchmarks;

/// <summary>
/// In-process silo with the production wiring (SQLite state and event log, memory streams):
/// telemetry samples per second into device grains, and the latency of a site tick
/// (close every window, decide, finalize the block, persist, command, publish).
/// </summary>
internal static class GrainsBenchmark
{
    private const int Devices = 100;
    private const int InFlight = 256;
    private static readonly TimeSpan IngestDuration = TimeSpan.FromSeconds(8);
    private const int Ticks = 300;

    /// <summary>
    /// Real ticks are 10 s (speed 60) to 10 min apart; in that gap the recorder, the acknowledgement and
    /// the device grains' deferred state writes finish. The benchmark leaves them this much time.
    /// </summary>
    private static readonly TimeSpan GapBetweenTicks = TimeSpan.FromMilliseconds(250);

    public static async Task<int> RunAsync()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 6, 21, 10, 0, 0, TimeSpan.Zero));
        var site = new SiteDefinition("bench",
            [
                .. Enumerable.Range(0, Devices).Select(i => new DeviceDefinition($"pv-{i}", DeviceKind.PvInverter)),
                new DeviceDefinition("battery", DeviceKind.Battery),
                new DeviceDefinition("meter", DeviceKind.GridMeter),
                new DeviceDefinition("miner", DeviceKind.Miner, RatedPowerW: 1674),
            ],
            EngineConfig.Default, Autonomy.Full, Strategy.Surplus);
        var tickSite = new SiteDefinition("tick",
            [
                new DeviceDefinition("t-pv", DeviceKind.PvInverter),
                new DeviceDefinition("t-battery", DeviceKind.Battery),
                new DeviceDefinition("t-meter", DeviceKind.GridMeter),
                new DeviceDefinition("t-miner", DeviceKind.Miner, RatedPowerW: 1674),
            ],
            EngineConfig.Default, Autonomy.Full, Strategy.Surplus);

        await using var silo = await BenchSilo.StartAsync("bench", clock, [site, tickSite], new AcceptingMiners());
        var grains = silo.Grains;
        var ingest = await IngestAsync(grains, clock);
        var (p50, p99) = await TickLatencyAsync(grains, clock);
        Console.WriteLine($"ingest_samples_per_s={ingest:F0}");
        Console.WriteLine($"tick_p50_ms={p50:F2}");
        Console.WriteLine($"tick_p99_ms={p99:F2}");
        return 0;
    }

    private static async Task<double> IngestAsync(IGrainFactory grains, FakeTimeProvider clock)
    {
        var devices = Enumerable.Range(0, Devices).Select(i => grains.GetGrain<IPvInverterGrain>($"pv-{i}")).ToArray();
        await Task.WhenAll(devices.Select(d => d.GetStatusAsync())); // activate first: measure ingest, not activation
        long sent = 0;
        var watch = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, InFlight).Select(async worker =>
        {
            var i = worker;
            while (watch.Elapsed < IngestDuration)
            {
                var sample = new TelemetrySample(Signal.PvPowerW, 1000 + (i % 500), clock.GetUtcNow());
                await devices[i % Devices].ReportAsync(sample);
                Interlocked.Increment(ref sent);
                i += InFlight;
            }
        });
        await Task.WhenAll(workers);
        return sent / watch.Elapsed.TotalSeconds;
    }

    private static async Task<(double P50, double P99)> TickLatencyAsync(IGrainFactory grains, FakeTimeProvider clock)
    {
        var site = grains.GetGrain<ISiteGrain>("tick");
        var latencies = new List<double>(Ticks);
        for (var i = 0; i < Ticks + 20; i++)
        {
            var boundary = BlockClock.StartOf(BlockClock.IndexOf(clock.GetUtcNow()) + 1);
            clock.Advance(boundary - clock.GetUtcNow() - TimeSpan.FromSeconds(5));
            var at = clock.GetUtcNow();
            var pv = i % 7 < 4 ? 5200.0 : 300.0;
            await grains.GetGrain<IPvInverterGrain>("t-pv").ReportAsync(new TelemetrySample(Signal.PvPowerW, pv, at));
            await grains.GetGrain<IBatteryGrain>("t-battery").ReportAsync(new TelemetrySample(Signal.BatterySocPct, 80, at));
            await grains.GetGrain<IGridMeterGrain>("t-meter").ReportManyAsync(
                [new TelemetrySample(Signal.HouseLoadW, 500, at), new TelemetrySample(Signal.GridImportW, 0, at)]);
            await grains.GetGrain<IMinerGrain>("t-miner").ReportManyAsync(
                [new TelemetrySample(Signal.MinerTempC, 60, at), new TelemetrySample(Signal.MinerPowerW, 1600, at)]);
            clock.Advance(TimeSpan.FromSeconds(5));
            var watch = Stopwatch.StartNew();
            var outcome = await site.TickAsync();
            watch.Stop();
            if (outcome.DecidedBlockId is null)
            {
                throw new InvalidOperationException("a tick at a new boundary decided nothing");
            }
            if (i >= 20)
            {
                latencies.Add(watch.Elapsed.TotalMilliseconds); // the first ticks warm the JIT and activate grains
            }
            await Task.Delay(GapBetweenTicks);
        }
        latencies.Sort();
        if (Environment.GetEnvironmentVariable("BITGRID_BENCH_VERBOSE") == "1")
        {
            Console.Error.WriteLine($"tick ms: p90 {latencies[latencies.Count * 9 / 10]:F2}, p95 {latencies[latencies.Count * 95 / 100]:F2}, worst {string.Join(", ", latencies.TakeLast(8).Select(l => l.ToString("F1")))}");
        }
        return (latencies[latencies.Count / 2], latencies[(int)Math.Ceiling(latencies.Count * 0.99) - 1]);
    }
}
