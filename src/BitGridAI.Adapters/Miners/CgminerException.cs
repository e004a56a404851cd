namespace BitGridAI.Adapters.Miners;

/// <summary>The miner answered with an error status (E or F), or with something that is not a cgminer reply.</summary>
public sealed class CgminerException(string message) : Exception(message);
