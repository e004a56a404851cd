using System.Collections.Concurrent;
using System.Diagnostics;
using BitGridAI.Adapters.Drivers;
using BitGridAI.Adapters.Miners;
using BitGridAI.Domain.Decisions;
using BitGridAI.Grains.Abstractions.Devices;
using BitGridAI.Grains.Abstractions.Ports;
using BitGridAI.Simulator;

namespace BitGridAI.Benchmarks;

/// <summary>
/// Safety latency over the real protocols: from an over-temperature sample reaching a miner grain to the moment
/// the miner's firmware has applied the soft-off. The silo's ports are the production <see cref="DriverPorts"/>
/// over an Avalon <see cref="CgminerDriver"/> per miner, talking TCP to the simulator's cgminer servers; the
/// stop is timed on the server's thread as the simulated miner's mode becomes None. The grains' trials as
/// <see cref="SafetyTrials"/> runs them; each also has a simulated miner of its own, started over its API
/// first: a grain reads its miner back after the stop, and a miner that a later trial restarted would never
/// confirm that grain's stop, so the grain would keep polling it for the rest of the run.
/// </summary>
internal static class RealSafetyBenchmark
{
    private const int Trials = 1000;

    /// <summary>Untimed trials first: the first connections and the JIT of the driver path are not the safety path.</summary>
    private const int WarmUp = 20;

    internal static readonly TimeSpan ApiTimeout = TimeSpan.FromSeconds(2);

    internal static readonly Dictionary<string, MinerModeSettings> AvalonModes = new()
    {
        ["eco"] = new() { PowerW = 800, WorkMode = 0 },
        ["standard"] = new() { PowerW = 1674, WorkMode = 1 },
        ["super"] = new() { PowerW = 2000, WorkMode = 2 },
    };

    public static async Task<int> RunAsync()
    {
        var ids = Enumerable.Range(0, WarmUp + Trials).Select(i => $"avalon-{i}").ToList();
        await using var simulator = await SimulatorPeer.StartAsync(ids.Select(id => new SimulatedMinerOptions { Id = id, RelayId = null }));
        var clock = simulator.Clock;
        var modes = new MinerModes(AvalonModes);
        var drivers = ids.ToDictionary(
            id => id,
            id => (IDeviceDriver?)new CgminerDriver(new CgminerClient("127.0.0.1", simulator.Servers.ApiPortOf(id), ApiTimeout), CgminerFirmware.Avalon, modes, clock),
            StringComparer.Ordinal);
        await using var ports = new DriverPorts(drivers, new Dictionary<string, IRelayDriver>(), null, new SiteClock(clock), TimeProvider.System);
        using var softOffs = new SoftOffClock(simulator.Site);

        await using var silo = await BenchSilo.StartAsync("safety-real", clock, [SafetyTrials.Site("safety-real", ids)], ports, devices: ports);
        await SafetyTrials.PrepareAsync(silo.Grains, ids, clock);
        var latencies = new List<double>(Trials);
        for (var i = 0; i < ids.Count; i++)
        {
            var id = ids[i];
            await ports.SendAsync(id, new MinerCommand($"bench/{id}/start", ActuatorState.Start, MinerMode.Standard), CancellationToken.None);
            if (simulator.Site.ModeOf(id) != MinerMode.Standard)
            {
                throw new InvalidOperationException($"{id} did not start over its cgminer API");
            }
            var softOff = softOffs.Expect(id);
            var start = await SafetyTrials.RunAsync(silo.Grains.GetGrain<IMinerGrain>(id), clock);
            var appliedAt = await softOff.WaitAsync(TimeSpan.FromSeconds(5));
            if (i >= WarmUp)
            {
                latencies.Add(Stopwatch.GetElapsedTime(start, appliedAt).TotalMilliseconds);
            }
        }
        Latencies.PrintTrials("safety_real", latencies);
        return 0;
    }

    /// <summary>The firmware side: when the simulator applied an expected miner's soft-off, taken on the thread that applied it.</summary>
    internal sealed class SoftOffClock : IDisposable
    {
        private readonly SimulatedSite _site;
        private readonly ConcurrentDictionary<string, TaskCompletionSource<long>> _expected = new(StringComparer.Ordinal);

        public SoftOffClock(SimulatedSite site)
        {
            _site = site;
            site.MinerModeChanged += OnModeChanged;
        }

        /// <summary>Completes with the Stopwatch timestamp of the miner's next change to no mode.</summary>
        public Task<long> Expect(string minerId)
        {
            // Continuations off the server's thread: the waiting benchmark must not hold up the server's reply.
            var applied = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
            _expected[minerId] = applied;
            return applied.Task;
        }

        public void Dispose() => _site.MinerModeChanged -= OnModeChanged;

        private void OnModeChanged(string minerId, MinerMode mode)
        {
            var at = Stopwatch.GetTimestamp();
            if (mode == MinerMode.None && _expected.TryRemove(minerId, out var applied))
            {
                applied.TrySetResult(at);
            }
        }
    }
}
