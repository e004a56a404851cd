using System.Collections.Immutable;
using System.Diagnostics;
using BitGridAI.Adapters.Drivers;
using BitGridAI.Adapters.Miners;
using BitGridAI.Domain.Decisions;
using BitGridAI.Grains.Abstractions.Devices;
using BitGridAI.Grains.Abstractions.Messages;
using BitGridAI.Grains.Abstractions.Ports;
using BitGridAI.Simulator;

namespace BitGridAI.Benchmarks;

/// <summary>
/// Safety latency behind a hung command, over the real protocols: each trial's miner grain has a START in flight
/// that the simulated firmware stalls on (it read the request and never answers), then the over-temperature
/// sample comes. Timed from that sample to the soft-off applied by the firmware: the STOP must neither wait for
/// the grain's turn nor queue behind the hung request (it goes over a fresh connection).
/// </summary>
internal static class HungCommandSafetyBenchmark
{
    private const int Trials = 300;
    private const int WarmUp = 20;

    public static async Task<int> RunAsync()
    {
        var ids = Enumerable.Range(0, WarmUp + Trials).Select(i => $"avalon-hung-{i}").ToList();
        await using var simulator = await SimulatorPeer.StartAsync(ids.Select(id => new SimulatedMinerOptions { Id = id, RelayId = null }));
        var clock = simulator.Clock;
        var modes = new MinerModes(RealSafetyBenchmark.AvalonModes);
        var drivers = ids.ToDictionary(
            id => id,
            id => (IDeviceDriver?)new CgminerDriver(new CgminerClient("127.0.0.1", simulator.Servers.ApiPortOf(id), RealSafetyBenchmark.ApiTimeout), CgminerFirmware.Avalon, modes, clock),
            StringComparer.Ordinal);
        await using var ports = new DriverPorts(drivers, new Dictionary<string, IRelayDriver>(), null, new SiteClock(clock), TimeProvider.System);
        using var softOffs = new RealSafetyBenchmark.SoftOffClock(simulator.Site);

        await using var silo = await BenchSilo.StartAsync("safety-hung", clock, [SafetyTrials.Site("safety-hung", ids)], ports, devices: ports);
        await SafetyTrials.PrepareAsync(silo.Grains, ids, clock);
        var latencies = new List<double>(Trials);
        for (var i = 0; i < ids.Count; i++)
        {
            var id = ids[i];
            await ports.SendAsync(id, new MinerCommand($"bench/{id}/start", ActuatorState.Start, MinerMode.Standard), CancellationToken.None);
            var miner = silo.Grains.GetGrain<IMinerGrain>(id);

            // The grain's own START goes out and the firmware hangs on it.
            simulator.Site.StallNextRequests(id);
            var now = clock.GetUtcNow();
            await miner.ApplyAsync(new DecisionRecord("safety-hung", id, i + 1, "bench", "START_OVR_MANUAL_OVERRIDE", "START", "standard",
                "OVERRIDE", "", ImmutableDictionary<string, double?>.Empty, [], [], null, null, now, now + TimeSpan.FromMinutes(20)));
            var deadline = Stopwatch.GetTimestamp();
            while (simulator.Site.StallsLeft(id) > 0)
            {
                if (Stopwatch.GetElapsedTime(deadline) > TimeSpan.FromSeconds(5))
                {
                    throw new InvalidOperationException($"{id}: the grain's START never reached the firmware");
                }
                await Task.Yield();
            }

            var softOff = softOffs.Expect(id);
            var start = await SafetyTrials.RunAsync(miner, clock);
            var appliedAt = await softOff.WaitAsync(TimeSpan.FromSeconds(5));
            if (i >= WarmUp)
            {
                latencies.Add(Stopwatch.GetElapsedTime(start, appliedAt).TotalMilliseconds);
            }
        }
        latencies.Sort();
        Console.WriteLine($"safety_stop_behind_hung_command_trials={latencies.Count}");
        Latencies.PrintMedianAndP99("safety_stop_behind_hung_command", latencies);
        Console.WriteLine(FormattableString.Invariant($"safety_stop_behind_hung_command_max_ms={latencies[^1]:F2}"));
        return 0;
    }
}
