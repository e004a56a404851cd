namespace BitGridAI.Adapters.Mqtt;

/// <summary>The broker the plugs listen on and the plugs themselves. Section <c>MqttRelays</c>.</summary>
public sealed class MqttRelayOptions
{
    public const string Section = "MqttRelays";

    public string Host { get; set; } = "127.0.0.1";
    public int Port { get; set; } = 1883;
    public string? Username { get; set; }
    public string? Password { get; set; }

    /// <summary>TLS to the broker (usually port 8883); the server certificate must be trusted by the OS.</summary>
    public bool UseTls { get; set; }

    /// <summary>
    /// How long a switch may take — connect, publish, and the plug reporting its new state — before the
    /// relay counts as unreachable (<c>relay_unconfirmed</c> when only the report is missing).
    /// </summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(3);

    public List<MqttRelayDefinition> Relays { get; set; } = [];
}
