namespace BitGridAI.Domain.Decisions;

/// <summary>How much the system may do on its own (RULES.md §2 steps 3 and 9).</summary>
public enum Autonomy
{
    /// <summary>Not configured: treated as <see cref="Full"/>, the level at which every protective stop acts.</summary>
    Unknown = 0,
    /// <summary>Starts and stops on its own.</summary>
    Full = 1,
    /// <summary>Starts on its own; only safety (R3) stops on its own, other stops are suggestions.</summary>
    Semi = 2,
    /// <summary>Only safety and overrides act.</summary>
    Manual = 3,
}
