namespace BitGridAI.Adapters;

/// <summary>
/// How long to leave a peer alone after failures in a row: <see cref="First"/> after the first, doubling up
/// to <see cref="Cap"/>, so a dead device or broker costs one connection attempt per cap, not one per poll,
/// and one that comes back is found again within the cap. Real time, not site time: it protects the network.
/// Device polls and the MQTT connection both use it; the caller counts the failures and resets on success.
/// </summary>
public sealed record Backoff(TimeSpan First, TimeSpan Cap)
{
    public static Backoff Default { get; } = new(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30));

    /// <summary>The wait after <paramref name="failures"/> failures in a row (none after 0).</summary>
    public TimeSpan After(int failures) => failures <= 0
        ? TimeSpan.Zero
        : TimeSpan.FromTicks(Math.Min(Cap.Ticks, First.Ticks << Math.Min(failures - 1, 30)));
}
