using BitGridAI.Domain.Signals;

namespace BitGridAI.Domain.Telemetry;

/// <summary>
/// Latest values carry over (ARCHITECTURE, runtime rules v3): a signal that stays valid until it ages out —
/// SoC, temperatures, price, forecast — counts in every block window while it is younger than its max age,
/// not only in the window its sample arrived in. An hourly price therefore counts in all six blocks of its
/// hour. Powers never carry: a block sees the mean of its own samples or nothing. One instance per device;
/// whether a carried value still counts is decided where every value is, by its age
/// (<see cref="BlockTelemetry.ToEnergyState"/>).
/// </summary>
public sealed class LatestCarry
{
    private readonly Dictionary<Signal, SignalWindow> _latest = [];

    /// <summary>Remembers a sample seen before (e.g. a device's persisted latest reading after a restart).</summary>
    public void Remember(Signal signal, double value, DateTimeOffset at)
    {
        if (SignalAggregation.Of(signal) == Aggregation.Latest && (!_latest.TryGetValue(signal, out var known) || at >= known.LastAt))
        {
            _latest[signal] = SignalWindow.Empty(signal).Add(value, at);
        }
    }

    /// <summary>
    /// The windows a decision rests on: this block's own, plus the latest earlier sample of every latest-valued
    /// signal this block did not see. Remembers this block's latest values for the blocks after it.
    /// </summary>
    public IReadOnlyList<SignalWindow> CarryInto(IEnumerable<SignalWindow> window)
    {
        var own = window.ToList();
        var carried = _latest.Values.Where(c => !own.Any(w => w.Signal == c.Signal && w.Count > 0)).ToList();
        foreach (var w in own.Where(w => w.Count > 0))
        {
            Remember(w.Signal, w.Last, w.LastAt);
        }
        return [.. own, .. carried];
    }
}
