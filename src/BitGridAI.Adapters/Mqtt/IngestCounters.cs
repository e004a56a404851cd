using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace BitGridAI.Adapters.Mqtt;

/// <summary>
/// What MQTT ingest did, for status pages and tests: messages and samples handed on, and every bad input
/// by device and kind. A kind is logged the first time per device and then every Nth time, so a device
/// that sends garbage ten times a second cannot flood the log.
/// </summary>
public sealed class IngestCounters(ILogger logger, int logEveryN)
{
    /// <summary>Random device ids in topics must not grow memory: past this many keys they share one.</summary>
    private const int MaxKeys = 1000;

    /// <summary>Where problems of devices beyond <see cref="MaxKeys"/> are counted.</summary>
    public const string OtherDevices = "(other)";

    private readonly ConcurrentDictionary<(string Device, IngestProblem Problem), Counter> _problems = new();
    private long _messages;
    private long _samplesQueued;
    private long _samplesDelivered;

    /// <summary>Messages received on any subscribed topic.</summary>
    public long Messages => Interlocked.Read(ref _messages);

    /// <summary>Samples decoded and queued for their device grain.</summary>
    public long SamplesQueued => Interlocked.Read(ref _samplesQueued);

    /// <summary>Samples the device grains have taken (the grain may still reject implausible ones).</summary>
    public long SamplesDelivered => Interlocked.Read(ref _samplesDelivered);

    /// <summary>How often <paramref name="problem"/> happened for <paramref name="device"/>.</summary>
    public long Count(string device, IngestProblem problem) =>
        _problems.TryGetValue((device, problem), out var counter) ? Interlocked.Read(ref counter.Value) : 0;

    /// <summary>Every non-zero problem count, ordered by device and kind.</summary>
    public IReadOnlyList<IngestProblemCount> Problems() =>
        [.. _problems.OrderBy(p => p.Key.Device, StringComparer.Ordinal).ThenBy(p => p.Key.Problem)
            .Select(p => new IngestProblemCount(p.Key.Device, IngestProblems.Name(p.Key.Problem), Interlocked.Read(ref p.Value.Value)))];

    internal void MessageReceived() => Interlocked.Increment(ref _messages);

    internal void SampleQueued() => Interlocked.Increment(ref _samplesQueued);

    internal void Delivered(int samples) => Interlocked.Add(ref _samplesDelivered, samples);

    internal void Record(string device, IngestProblem problem, string detail, int times = 1)
    {
        var key = (device, problem);
        if (!_problems.ContainsKey(key) && _problems.Count >= MaxKeys)
        {
            key = (OtherDevices, problem);
        }
        var counter = _problems.GetOrAdd(key, _ => new Counter());
        var after = Interlocked.Add(ref counter.Value, times);
        var before = after - times;
        // Log when this add crossed the first occurrence or a multiple of N.
        if (before == 0 || after / logEveryN > before / logEveryN)
        {
            MqttLog.BadInput(logger, key.Item1, IngestProblems.Name(problem), after, detail);
        }
    }

    private sealed class Counter
    {
        public long Value;
    }
}
