namespace BitGridAI.Grains.Hosting;

/// <summary>
/// How often, in real time, grains look at their clocks and devices. Zero switches a timer off (tests
/// drive ticks and samples themselves).
/// </summary>
public sealed class GrainTimingOptions
{
    public const string Section = "Timing";

    /// <summary>How often a site checks whether a block boundary has passed. Default 250 ms.</summary>
    public TimeSpan TickCheckInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>How often a device grain polls its device through its port. Default 1 s.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How often a miner grain's watchdog re-checks safety (lost contact, expired decision) and command
    /// confirmation. At least once per second of site time; default 1 s.
    /// </summary>
    public TimeSpan WatchdogInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Period of the persistent reminder that wakes a site grain (and through it its device and miner
    /// grains, whose timers then run again) after a deactivation or a restart. Real time; default 1 min,
    /// Orleans' smallest reminder period. The block ticks stay on <see cref="TickCheckInterval"/>.
    /// </summary>
    public TimeSpan WakeInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How often a recorder whose event log refused a write (full disk, read-only file) tries again. Real time;
    /// default 5 s. What waits is written in order, so the chain has no gap.
    /// </summary>
    public TimeSpan RecorderRetryInterval { get; set; } = TimeSpan.FromSeconds(5);
}
