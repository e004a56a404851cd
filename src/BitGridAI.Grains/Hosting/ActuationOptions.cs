namespace BitGridAI.Grains.Hosting;

/// <summary>How a miner grain makes sure a command took effect (site time).</summary>
public sealed class ActuationOptions
{
    public const string Section = "Actuation";

    /// <summary>How long the first attempt waits for the miner to report the commanded mode; each retry waits twice as long. Default 20 s.</summary>
    public TimeSpan ConfirmTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>Attempts before the miner is marked faulted (the next decision says so); a STOP then opens the relay. Default 4.</summary>
    public int MaxAttempts { get; set; } = 4;

    /// <summary>How long a STOP may take to be taken by the miner before its relay opens. Default 1 s; 0.1–10 s.</summary>
    public TimeSpan StopDeadline { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long one switch of a miner's relay may take before it is given up and the watchdog tries again (a hung plug
    /// must not block every later attempt). Default 10 s (longer than the MQTT relay port's own wait for the plug's
    /// status); 0.1–60 s.
    /// </summary>
    public TimeSpan RelaySwitchDeadline { get; set; } = TimeSpan.FromSeconds(10);
}
