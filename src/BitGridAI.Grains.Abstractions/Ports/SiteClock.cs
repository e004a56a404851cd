namespace BitGridAI.Grains.Abstractions.Ports;

/// <summary>
/// Site time, kept apart from the runtime's own clock: the silo runs it accelerated over a simulated
/// site, tests run it on a fake. Orleans itself keeps real time.
/// </summary>
public sealed class SiteClock(TimeProvider time)
{
    public TimeProvider Time { get; } = time;

    public DateTimeOffset Now => Time.GetUtcNow();
}
