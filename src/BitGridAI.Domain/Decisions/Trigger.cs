namespace BitGridAI.Domain.Decisions;

/// <summary>What caused an evaluation.</summary>
public enum Trigger
{
    Unknown = 0,
    /// <summary>The regular evaluation at a block boundary.</summary>
    BlockTick = 1,
    /// <summary>The safety path, between ticks, on a telemetry sample or the watchdog.</summary>
    SafetyAsync = 2,
    /// <summary>A person's override decided.</summary>
    Override = 3,
}
