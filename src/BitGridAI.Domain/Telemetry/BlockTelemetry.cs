using BitGridAI.Domain.Signals;

namespace BitGridAI.Domain.Telemetry;

/// <summary>
/// The telemetry a block decision rests on: one <see cref="SignalWindow"/> per signal, merged from all
/// devices of the site, plus the miner's last contact. It turns into the engine's
/// <see cref="EnergyState"/>: mean powers, latest SoC/temperature/price/forecast (carried over from earlier
/// blocks by <see cref="LatestCarry"/> while young enough), heartbeat age at the evaluation time; anything
/// without a fresh enough sample is missing.
/// </summary>
public sealed class BlockTelemetry
{
    private readonly Dictionary<Signal, SignalWindow> _windows = [];

    public IReadOnlyCollection<SignalWindow> Windows => _windows.Values;

    /// <summary>Last successful contact with the miner being decided; null when never reached.</summary>
    public DateTimeOffset? MinerLastContact { get; set; }

    public BlockTelemetry Add(SignalWindow window)
    {
        _windows[window.Signal] = _windows.TryGetValue(window.Signal, out var existing) ? existing.Merge(window) : window;
        return this;
    }

    public BlockTelemetry AddRange(IEnumerable<SignalWindow> windows)
    {
        foreach (var window in windows)
        {
            Add(window);
        }
        return this;
    }

    public EnergyState ToEnergyState(DateTimeOffset now, TelemetryFreshness freshness)
    {
        var builder = new EnergyStateBuilder();
        foreach (var window in _windows.Values)
        {
            if (window.Count == 0 || window.Signal == Signal.MinerHeartbeatAgeSec || !freshness.IsFresh(window.Signal, window.LastAt, now))
            {
                continue;
            }
            builder.Set(window.Signal, SignalAggregation.Of(window.Signal) == Aggregation.Mean ? window.Mean : window.Last);
        }
        // A contact stamped ahead of the clock (one that ran ahead before a crash) proves nothing: missing.
        if (MinerLastContact is { } contact && contact - now <= SampleCheck.FutureTolerance)
        {
            builder.Set(Signal.MinerHeartbeatAgeSec, Math.Max(0, (now - contact).TotalSeconds));
        }
        return builder.Build();
    }
}
