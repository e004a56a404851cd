using System.Diagnostics;

namespace BitGridAI.Simulator;

/// <summary>
/// Site time for a simulated site: a start instant plus real elapsed time × speed. Only
/// <see cref="GetUtcNow"/> is accelerated; timers stay on real time (grains poll the clock on their own
/// real-time timers), which keeps the runtime's behaviour unchanged.
/// </summary>
public sealed class AcceleratedTimeProvider : TimeProvider
{
    private readonly DateTimeOffset _start;
    private readonly long _startTimestamp = Stopwatch.GetTimestamp();
    private readonly DateTimeOffset? _realEpoch;
    private readonly TimeProvider _real = System;

    public AcceleratedTimeProvider(DateTimeOffset start, double speed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(speed, 1);
        _start = start;
        Speed = speed;
    }

    /// <summary>
    /// A clock several processes share: site time is <paramref name="siteEpoch"/> at the wall-clock instant
    /// <paramref name="realEpoch"/>, running × <paramref name="speed"/> on the wall clock (kept in step on a LAN by
    /// NTP), so silos and device simulators started at different moments agree on the block.
    /// </summary>
    /// <param name="siteEpoch">Site time at <paramref name="realEpoch"/>.</param>
    /// <param name="realEpoch">The wall-clock instant the clock was anchored at.</param>
    /// <param name="speed">Site seconds per real second (≥ 1).</param>
    /// <param name="real">The wall clock (tests pass a fake one).</param>
    public AcceleratedTimeProvider(DateTimeOffset siteEpoch, DateTimeOffset realEpoch, double speed, TimeProvider? real = null)
        : this(siteEpoch, speed)
    {
        _realEpoch = realEpoch;
        _real = real ?? System;
    }

    public double Speed { get; }

    public override DateTimeOffset GetUtcNow() => _realEpoch is { } epoch
        ? _start + ((_real.GetUtcNow() - epoch) * Speed)
        : _start + (Stopwatch.GetElapsedTime(_startTimestamp) * Speed);
}
