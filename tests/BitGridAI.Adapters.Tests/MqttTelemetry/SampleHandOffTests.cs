using BitGridAI.Adapters.Mqtt;
using BitGridAI.Domain.Signals;
using BitGridAI.Grains.Abstractions.Messages;
using BitGridAI.Grains.Abstractions.Ports;
using Microsoft.Extensions.Logging.Abstractions;

namespace BitGridAI.Adapters.Tests;

/// <summary>The hand-off between MQTT and the device grains: per-device order, no device waiting for another.</summary>
public sealed class SampleHandOffTests
{
    [Fact]
    public async Task AHungGrainNeverHoldsUpAnotherMinersSamplesAndEachDeviceKeepsItsOrder()
    {
        var sink = new StuckSink("miner-slow");
        var handOff = new SampleHandOff(sink, new IngestCounters(NullLogger.Instance, 1000), capacity: 100);
        var running = Task.Run(handOff.RunAsync);
        var at = DateTimeOffset.UnixEpoch;

        handOff.Offer("miner-slow", new TelemetrySample(Signal.MinerTempC, 60, at));
        await sink.Entered.Task; // the slow miner's grain call is out and does not return
        for (var i = 1; i <= 5; i++)
        {
            handOff.Offer("miner-slow", new TelemetrySample(Signal.MinerTempC, 60 + i, at));
            handOff.Offer("miner-fast", new TelemetrySample(Signal.MinerTempC, 90 + i, at));
        }

        await sink.WaitForAsync("miner-fast", 5);
        Assert.Equal([91.0, 92, 93, 94, 95], sink.Values("miner-fast"));
        Assert.Equal([60.0], sink.Values("miner-slow")); // its later samples wait behind its own call, not anyone else's

        sink.Release.SetResult();
        await sink.WaitForAsync("miner-slow", 6);
        Assert.Equal([60.0, 61, 62, 63, 64, 65], sink.Values("miner-slow"));
        handOff.Complete();
        await running;
    }

    /// <summary>A sink whose first call for one device hangs until released; every call is recorded as it comes in.</summary>
    private sealed class StuckSink(string stuckDevice) : ITelemetrySink
    {
        private readonly List<(string Device, double Value)> _seen = [];
        private bool _stuckOnce;

        public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool Knows(string deviceId) => true;

        public async Task ReportAsync(string deviceId, IReadOnlyList<TelemetrySample> samples)
        {
            bool stick;
            lock (_seen)
            {
                _seen.AddRange(samples.Select(s => (deviceId, s.Value)));
                stick = deviceId == stuckDevice && !_stuckOnce;
                _stuckOnce |= stick;
            }
            if (stick)
            {
                Entered.SetResult();
                await Release.Task;
            }
        }

        public double[] Values(string device)
        {
            lock (_seen)
            {
                return [.. _seen.Where(s => s.Device == device).Select(s => s.Value)];
            }
        }

        public async Task WaitForAsync(string device, int count)
        {
            var deadline = DateTime.UtcNow.AddSeconds(10);
            while (Values(device).Length < count)
            {
                Assert.True(DateTime.UtcNow < deadline, $"{device}: {count} samples not delivered within 10 s");
                await Task.Delay(10);
            }
        }
    }
}
