namespace BitGridAI.Domain.Decisions;

/// <summary>What a decision asks of the miner. NOOP keeps the actuator as it is.</summary>
public enum DecisionAction
{
    Unknown = 0,
    Start = 1,
    Throttle = 2,
    Stop = 3,
    Noop = 4,
}
