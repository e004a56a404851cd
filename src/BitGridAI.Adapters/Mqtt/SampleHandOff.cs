using System.Threading.Channels;
using BitGridAI.Grains.Abstractions.Messages;
using BitGridAI.Grains.Abstractions.Ports;

namespace BitGridAI.Adapters.Mqtt;

/// <summary>
/// Between the MQTT receive loop and the device grains: samples wait in a bounded queue and are handed over
/// in batches, one call per device, all devices of a batch in parallel. The receive loop never waits for a
/// grain; when the grains fall a whole queue behind, new samples are dropped and counted
/// (<c>dropped_backpressure</c>), never lost silently.
/// </summary>
internal sealed class SampleHandOff
{
    /// <summary>Samples taken from the queue per round; bounds the batch one round waits on.</summary>
    private const int MaxBatch = 8192;

    private readonly Channel<(string Device, TelemetrySample Sample)> _queue;
    private readonly ITelemetrySink _sink;
    private readonly IngestCounters _counters;

    public SampleHandOff(ITelemetrySink sink, IngestCounters counters, int capacity)
    {
        _sink = sink;
        _counters = counters;
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

    /// <summary>Hands samples over until the queue is completed and empty.</summary>
    public async Task RunAsync()
    {
        var reader = _queue.Reader;
        var batch = new Dictionary<string, List<TelemetrySample>>(StringComparer.Ordinal);
        var calls = new List<Task>();
        while (await reader.WaitToReadAsync())
        {
            for (var n = 0; n < MaxBatch && reader.TryRead(out var item); n++)
            {
                if (!batch.TryGetValue(item.Device, out var samples))
                {
                    batch[item.Device] = samples = [];
                }
                samples.Add(item.Sample);
            }
            foreach (var (device, samples) in batch)
            {
                calls.Add(DeliverAsync(device, samples));
            }
            // Each list goes to its grain call; the next round starts with fresh ones.
            await Task.WhenAll(calls);
            batch.Clear();
            calls.Clear();
        }
    }

    /// <summary>No more samples: <see cref="RunAsync"/> ends once the queue is empty.</summary>
    public void Complete() => _queue.Writer.TryComplete();

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
}
