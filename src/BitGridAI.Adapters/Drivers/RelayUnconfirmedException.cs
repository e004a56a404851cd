namespace BitGridAI.Adapters.Drivers;

/// <summary>A relay took the command but does not report the state it was switched to: it may not have switched.</summary>
public sealed class RelayUnconfirmedException(string message) : Exception(message)
{
    /// <summary>The failure kind device grains count it under.</summary>
    public const string Kind = "relay_unconfirmed";
}
