using System.Collections.Concurrent;
using System.Diagnostics;
using BitGridAI.Domain.Config;
using BitGridAI.Domain.Decisions;
using BitGridAI.Domain.Signals;
using BitGridAI.Grains.Abstractions.Devices;
using BitGridAI.Grains.Abstractions.Messages;
using BitGridAI.Grains.Hosting;
using BitGridAI.Grains.Ports;
using Microsoft.Extensions.Time.Testing;

namespace BitGridAI.Benchmarks;

/// <summary>
/// Safety latency: from an over-temperature sample reaching a miner grain to the STOP command leaving
/// through the miner port, in an in-process silo with the production wiring. One fresh miner per trial
/// (a stopped, locked-out miner has nothing left to stop), activated and fed a normal sample first so the
/// trial measures the safety path, not grain activation.
/// </summary>
internal static class SafetyBenchmark
{
    private const int Trials = 1000;

    public static async Task<int> RunAsync()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 6, 21, 10, 0, 0, TimeSpan.Zero));
        var site = new SiteDefinition("safety",
            [.. Enumerable.Range(0, Trials).Select(i => new DeviceDefinition($"m-{i}", DeviceKind.Miner, RatedPowerW: 1674))],
            EngineConfig.Default, Autonomy.Full, Strategy.Surplus);
        var wire = new StopClock();

        await using var silo = await BenchSilo.StartAsync("safety", clock, [site], wire);
        var grains = silo.Grains;
        var latencies = new List<double>(Trials);
        for (var i = 0; i < Trials; i++)
        {
            var miner = grains.GetGrain<IMinerGrain>($"m-{i}");
            await miner.ReportAsync(new TelemetrySample(Signal.MinerTempC, 60, clock.GetUtcNow()));
            var start = Stopwatch.GetTimestamp();
            await miner.ReportAsync(new TelemetrySample(Signal.MinerTempC, 92, clock.GetUtcNow()));
            var stoppedAt = wire.StopAt($"m-{i}") ?? throw new InvalidOperationException($"m-{i} was not stopped");
            latencies.Add(Stopwatch.GetElapsedTime(start, stoppedAt).TotalMilliseconds);
        }
        latencies.Sort();
        Console.WriteLine($"safety_trials={latencies.Count}");
        Console.WriteLine($"safety_latency_p50_ms={latencies[latencies.Count / 2]:F3}");
        Console.WriteLine($"safety_latency_p99_ms={latencies[(int)Math.Ceiling(latencies.Count * 0.99) - 1]:F3}");
        Console.WriteLine($"safety_latency_max_ms={latencies[^1]:F3}");
        return 0;
    }

    /// <summary>The miner side of the wire: remembers when each miner's first STOP left.</summary>
    private sealed class StopClock : IMinerPort
    {
        private readonly ConcurrentDictionary<string, long> _stops = new();

        public long? StopAt(string minerId) => _stops.TryGetValue(minerId, out var at) ? at : null;

        public ValueTask SendAsync(string minerId, MinerCommand command, CancellationToken cancellationToken)
        {
            if (command.Action == ActuatorState.Stop)
            {
                _stops.TryAdd(minerId, Stopwatch.GetTimestamp());
            }
            return ValueTask.CompletedTask;
        }

        public ValueTask<MinerMode> ReadModeAsync(string minerId, CancellationToken cancellationToken) => ValueTask.FromResult(MinerMode.None);
    }
}
