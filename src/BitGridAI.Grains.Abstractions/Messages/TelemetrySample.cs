using BitGridAI.Domain.Signals;

namespace BitGridAI.Grains.Abstractions.Messages;

/// <summary>One reading of one signal from a device, stamped by the device (or its adapter) in site time.</summary>
[GenerateSerializer, Immutable, Alias("bitgrid.TelemetrySample")]
public sealed record TelemetrySample(
    [property: Id(0)] Signal Signal,
    [property: Id(1)] double Value,
    [property: Id(2)] DateTimeOffset At);
