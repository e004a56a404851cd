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

    public AcceleratedTimeProvider(DateTimeOffset start, double speed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(speed, 1);
        _start = start;
        Speed = speed;
    }

    public double Speed { get; }

    public override DateTimeOffset GetUtcNow() => _start + (Stopwatch.GetElapsedTime(_startTimestamp) * Speed);
}
