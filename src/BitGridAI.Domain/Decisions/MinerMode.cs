namespace BitGridAI.Domain.Decisions;

/// <summary>The power mode a START or THROTTLE asks for; a miner template maps it to its own settings.</summary>
public enum MinerMode
{
    /// <summary>No mode: the decision is STOP or NOOP.</summary>
    None = 0,
    Eco = 1,
    Standard = 2,
    Super = 3,
}
