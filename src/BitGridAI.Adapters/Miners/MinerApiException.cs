namespace BitGridAI.Adapters.Miners;

/// <summary>A miner API refused a command, answered with something unreadable, or did not answer.</summary>
public sealed class MinerApiException(string message) : Exception(message);
