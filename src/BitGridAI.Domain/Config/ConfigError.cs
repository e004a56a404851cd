namespace BitGridAI.Domain.Config;

/// <summary>A configuration problem, naming the key and what is allowed.</summary>
public sealed record ConfigError(string Key, string Message)
{
    public override string ToString() => $"{Key}: {Message}";
}
