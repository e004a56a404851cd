using System.Diagnostics;
using BitGridAI.Grains.Abstractions.Messages;
using BitGridAI.Grains.Abstractions.Ports;

namespace BitGridAI.Benchmarks;

/// <summary>
/// The production sink (samples into the device grains) with a stopwatch around it: when a grain call
/// returns, each of its samples has been taken by its grain, and the sample's age at that moment — real
/// clock now minus the sender's timestamp — is its end-to-end latency.
/// </summary>
internal sealed class LatencySink(ITelemetrySink grains, TimeProvider clock) : ITelemetrySink
{
    private readonly double[] _latenciesMs = new double[4_000_000];
    private long _recorded;
    private long _delivered;
    private volatile bool _measuring;

    public long Delivered => Interlocked.Read(ref _delivered);

    public bool Knows(string deviceId) => grains.Knows(deviceId);

    public async Task ReportAsync(string deviceId, IReadOnlyList<TelemetrySample> samples)
    {
        await grains.ReportAsync(deviceId, samples);
        Interlocked.Add(ref _delivered, samples.Count);
        if (!_measuring)
        {
            return;
        }
        var now = clock.GetUtcNow();
        foreach (var sample in samples)
        {
            var slot = Interlocked.Increment(ref _recorded) - 1;
            if (slot < _latenciesMs.Length)
            {
                _latenciesMs[slot] = (now - sample.At).TotalMilliseconds;
            }
        }
    }

    public void Measure(bool on) => _measuring = on;

    /// <summary>p50 and p99 of the latencies recorded while measuring.</summary>
    public (double P50, double P99, long Count) Percentiles()
    {
        var count = (int)Math.Min(Interlocked.Read(ref _recorded), _latenciesMs.Length);
        Debug.Assert(count > 0);
        var sorted = _latenciesMs.AsSpan(0, count).ToArray();
        Array.Sort(sorted);
        return (sorted[count / 2], sorted[(int)Math.Ceiling(count * 0.99) - 1], count);
    }
}
