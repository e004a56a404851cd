using System.Collections.Concurrent;
using BitGridAI.Domain.Signals;
using BitGridAI.Grains.Abstractions.Messages;
using BitGridAI.Grains.Abstractions.Ports;

namespace BitGridAI.Grains.Tests;

/// <summary>
/// The wake silo's devices: a device grain polls once as it activates (and then not for an hour), so the
/// reads count its activations. A miner answers with a cool chip, as a live one would when woken.
/// </summary>
internal sealed class AnsweringDevicePort : IDevicePort
{
    public static readonly ConcurrentDictionary<string, int> Reads = new();

    public ValueTask<IReadOnlyList<TelemetrySample>> ReadAsync(string deviceId, CancellationToken cancellationToken)
    {
        Reads.AddOrUpdate(deviceId, 1, (_, n) => n + 1);
        IReadOnlyList<TelemetrySample> samples = deviceId.EndsWith("-miner", StringComparison.Ordinal)
            ? [new TelemetrySample(Signal.MinerTempC, 55, TestSiloConfigurator.WakeClock.GetUtcNow())]
            : [];
        return ValueTask.FromResult(samples);
    }
}
