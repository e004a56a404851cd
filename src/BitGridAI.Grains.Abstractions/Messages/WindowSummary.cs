using BitGridAI.Domain.Signals;
using BitGridAI.Domain.Telemetry;

namespace BitGridAI.Grains.Abstractions.Messages;

/// <summary>The serializable form of a <see cref="SignalWindow"/>: what a block window saw of one signal.</summary>
[GenerateSerializer, Immutable, Alias("bitgrid.WindowSummary")]
public sealed record WindowSummary(
    [property: Id(0)] Signal Signal,
    [property: Id(1)] int Count,
    [property: Id(2)] double Mean,
    [property: Id(3)] double Max,
    [property: Id(4)] double Last,
    [property: Id(5)] DateTimeOffset LastAt)
{
    public static WindowSummary From(SignalWindow window) =>
        new(window.Signal, window.Count, window.Mean, window.Max, window.Last, window.LastAt);

    public SignalWindow ToWindow() => new(Signal, Count, Mean * Count, Max, Last, LastAt);
}
