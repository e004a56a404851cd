using BitGridAI.Domain.Signals;

namespace BitGridAI.Domain.Telemetry;

/// <summary>
/// The plausible samples of one signal within one block window: count, sum, maximum and the latest
/// sample with its time. Small and mergeable, so device grains keep one per signal in memory and the
/// block record keeps it once per block.
/// </summary>
public readonly record struct SignalWindow(Signal Signal, int Count, double Sum, double Max, double Last, DateTimeOffset LastAt)
{
    public static SignalWindow Empty(Signal signal) => new(signal, 0, 0, double.NegativeInfinity, double.NaN, DateTimeOffset.MinValue);

    public double Mean => Count == 0 ? double.NaN : Sum / Count;

    /// <summary>Adds a plausible sample. An older sample than the latest counts in the mean and max but does not become the latest.</summary>
    public SignalWindow Add(double value, DateTimeOffset at) => new(
        Signal,
        Count + 1,
        Sum + value,
        Math.Max(Max, value),
        at >= LastAt ? value : Last,
        at >= LastAt ? at : LastAt);

    public SignalWindow Merge(SignalWindow other) => other.Count == 0 ? this : Count == 0 ? other : new(
        Signal,
        Count + other.Count,
        Sum + other.Sum,
        Math.Max(Max, other.Max),
        other.LastAt >= LastAt ? other.Last : Last,
        other.LastAt >= LastAt ? other.LastAt : LastAt);
}
