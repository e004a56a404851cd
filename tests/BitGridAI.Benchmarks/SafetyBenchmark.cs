using System.Collections.Concurrent;
using System.Diagnostics;
using BitGridAI.Domain.Decisions;
using BitGridAI.Grains.Abstractions.Devices;
using BitGridAI.Grains.Abstractions.Ports;
using Microsoft.Extensions.Time.Testing;

namespace BitGridAI.Benchmarks;

/// <summary>
/// Safety latency: from an over-temperature sample reaching a miner grain to the STOP command leaving
/// through the miner port, in an in-process silo with the production wiring; the trials as
/// <see cref="SafetyTrials"/> runs them, so the trial measures the safety path, not grain activation.
/// </summary>
internal static class SafetyBenchmark
{
    private const int Trials = 1000;

    public static async Task<int> RunAsync()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 6, 21, 10, 0, 0, TimeSpan.Zero));
        var ids = Enumerable.Range(0, Trials).Select(i => $"m-{i}").ToList();
        var wire = new StopClock();

        await using var silo = await BenchSilo.StartAsync("safety", clock, [SafetyTrials.Site("safety", ids)], wire);
        await SafetyTrials.PrepareAsync(silo.Grains, ids, clock);
        var latencies = new List<double>(Trials);
        foreach (var id in ids)
        {
            var start = await SafetyTrials.RunAsync(silo.Grains.GetGrain<IMinerGrain>(id), clock);
            var stoppedAt = wire.StopAt(id) ?? throw new InvalidOperationException($"{id} was not stopped");
            latencies.Add(Stopwatch.GetElapsedTime(start, stoppedAt).TotalMilliseconds);
        }
        Latencies.PrintTrials("safety", latencies);
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
