using System.Threading.Channels;
using BitGridAI.Grains.Abstractions.Messages;
using BitGridAI.Grains.Abstractions.Ports;

namespace BitGridAI.Adapters.Mqtt;

/// <summary>
/// Between the MQTT receive loop and the device grains: samples wait in a bounded queue and are handed over
/// per device, in order, each device on a lane of its own: a device's next batch goes out when its previous
/// call returned, while every other device's samples keep flowing — one slow grain never holds up another
/// miner's samples. The receive loop never waits for a grain; when the grains fall a whole queue behind (or one
/// device's lane does), new samples are dropped and counted (<c>dropped_backpressure</c>), never lost silently.
/// </summary>
internal sealed class SampleHandOff
{
    private readonly Channel<(string Device, TelemetrySample Sample)> _queue;
    private readonly ITelemetrySink _sink;
    private readonly IngestCounters _counters;
    private readonly int _capacity;
    private readonly Dictionary<string, Lane> _lanes = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public SampleHandOff(ITelemetrySink sink, IngestCounters counters, int capacity)
    {
        _sink = sink;
        _counters = counters;
        _capacity = capacity;
        _queue = Channel.CreateBounded<(string, TelemetrySample)>(new BoundedChannelOptions(capacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    public bool Offer(string device, TelemetrySample sample)
    {
        if (_queue.Writer.TryWrite((device, sample)))
        {
            return true;
        }
        _counters.Record(device, IngestProblem.DroppedBackpressure, "the device grains are a whole queue behind; sample dropped");
        return false;
    }

    /// <summary>Sorts samples onto their devices' lanes until the queue is completed and empty, then waits for every lane to drain.</summary>
    public async Task RunAsync()
    {
        var reader = _queue.Reader;
        while (await reader.WaitToReadAsync())
        {
            while (reader.TryRead(out var item))
            {
                Enqueue(item.Device, item.Sample);
            }
        }
        Task[] draining;
        lock (_gate)
        {
            draining = [.. _lanes.Values.Select(l => l.Running)];
        }
        await Task.WhenAll(draining);
    }

    /// <summary>No more samples: <see cref="RunAsync"/> ends once the queue is empty.</summary>
    public void Complete() => _queue.Writer.TryComplete();

    private void Enqueue(string device, TelemetrySample sample)
    {
        lock (_gate)
        {
            if (!_lanes.TryGetValue(device, out var lane))
            {
                _lanes[device] = lane = new Lane();
            }
            if (lane.Waiting.Count >= _capacity)
            {
                // This device's grain is a whole queue behind: its own samples go, no one else's wait.
                _counters.Record(device, IngestProblem.DroppedBackpressure, "the device's grain is a whole queue behind; sample dropped");
                return;
            }
            lane.Waiting.Add(sample);
            if (!lane.Delivering)
            {
                lane.Delivering = true;
                lane.Running = Task.Run(() => DrainAsync(device, lane));
            }
        }
    }

    /// <summary>A lane's loop: hands over what waits, one call at a time (per-device order), until nothing waits.</summary>
    private async Task DrainAsync(string device, Lane lane)
    {
        while (true)
        {
            List<TelemetrySample> batch;
            lock (_gate)
            {
                if (lane.Waiting.Count == 0)
                {
                    lane.Delivering = false;
                    return;
                }
                batch = lane.Waiting;
                lane.Waiting = [];
            }
            await DeliverAsync(device, batch);
        }
    }

    private async Task DeliverAsync(string device, List<TelemetrySample> samples)
    {
        try
        {
            await _sink.ReportAsync(device, samples);
            _counters.Delivered(samples.Count);
        }
        catch (KeyNotFoundException e)
        {
            _counters.Record(device, IngestProblem.UnknownDevice, e.Message, samples.Count);
        }
#pragma warning disable CA1031 // a failing grain call must not stop ingest for every other device; it is counted and logged
        catch (Exception e)
#pragma warning restore CA1031
        {
            _counters.Record(device, IngestProblem.SinkFailed, $"{e.GetType().Name}: {e.Message}", samples.Count);
        }
    }

    /// <summary>One device's samples waiting for its grain, and whether a call to it is out.</summary>
    private sealed class Lane
    {
        public List<TelemetrySample> Waiting { get; set; } = [];

        public bool Delivering { get; set; }

        public Task Running { get; set; } = Task.CompletedTask;
    }
}
