using BitGridAI.Grains.Abstractions.Messages;
using BitGridAI.Grains.Abstractions.Ports;

namespace BitGridAI.Adapters.Tests;

/// <summary>Stands in for the device grains: knows the given devices and keeps every sample handed to it.</summary>
internal sealed class RecordingSink(params string[] devices) : ITelemetrySink
{
    private readonly List<(string Device, TelemetrySample Sample)> _samples = [];

    /// <summary>While set, hand-offs wait for it: a test can make the grains fall behind.</summary>
    public TaskCompletionSource? Gate { get; set; }

    public bool Knows(string deviceId) => devices.Contains(deviceId);

    public IReadOnlyList<(string Device, TelemetrySample Sample)> Samples
    {
        get
        {
            lock (_samples)
            {
                return [.. _samples];
            }
        }
    }

    public async Task ReportAsync(string deviceId, IReadOnlyList<TelemetrySample> samples)
    {
        if (!Knows(deviceId))
        {
            throw new KeyNotFoundException(deviceId);
        }
        if (Gate is { } gate)
        {
            await gate.Task;
        }
        lock (_samples)
        {
            _samples.AddRange(samples.Select(s => (deviceId, s)));
        }
    }

    /// <summary>Waits until the samples satisfy <paramref name="condition"/>; fails with what arrived.</summary>
    public async Task WaitForAsync(Func<IReadOnlyList<(string Device, TelemetrySample Sample)>, bool> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        while (!condition(Samples))
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"never got {what}; got: {string.Join(" | ", Samples.Select(s => $"{s.Device} {s.Sample}"))}");
            }
            await Task.Delay(20);
        }
    }
}
