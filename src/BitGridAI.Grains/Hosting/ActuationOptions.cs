namespace BitGridAI.Grains.Hosting;

/// <summary>How a miner grain makes sure a command took effect (site time).</summary>
public sealed class ActuationOptions
{
    /// <summary>How long the first attempt waits for the miner to report the commanded mode; each retry waits twice as long.</summary>
    public TimeSpan ConfirmTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>Attempts before the miner is marked faulted (the next decision says so).</summary>
    public int MaxAttempts { get; set; } = 4;
}
