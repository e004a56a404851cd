namespace BitGridAI.Adapters.Mqtt;

/// <summary>
/// Waits between connection attempts: the first after <c>min</c>, doubled after each failure, capped at
/// <c>max</c>, and back to <c>min</c> once a connection held. A broker that is down is not hammered, and one
/// that comes back is found within <c>max</c>.
/// </summary>
public sealed class ReconnectBackoff
{
    private readonly TimeSpan _min;
    private readonly TimeSpan _max;
    private TimeSpan _next;

    public ReconnectBackoff(TimeSpan min, TimeSpan max)
    {
        _min = min;
        _max = max;
        _next = min;
    }

    /// <summary>The wait before the next attempt; the one after it is twice as long (up to the cap).</summary>
    public TimeSpan Next()
    {
        var wait = _next;
        _next = _next >= _max / 2 ? _max : _next * 2;
        return wait;
    }

    public void Reset() => _next = _min;
}
