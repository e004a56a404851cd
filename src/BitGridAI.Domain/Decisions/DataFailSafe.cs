namespace BitGridAI.Domain.Decisions;

/// <summary>What the data-quality step does when a required site signal is missing.</summary>
public enum DataFailSafe
{
    /// <summary>Not configured: treated as <see cref="Stop"/>.</summary>
    Unknown = 0,
    /// <summary>Stop the miner (default).</summary>
    Stop = 1,
    /// <summary>Keep the actuator as it is.</summary>
    Hold = 2,
}
