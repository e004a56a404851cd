namespace BitGridAI.Silo.Configuration;

/// <summary>The embedded MQTT broker. Section <c>Mqtt</c>.</summary>
public sealed class MqttBrokerOptions
{
    public const string Section = "Mqtt";

    /// <summary>Set false to use an existing broker (mosquitto, Home Assistant's) instead.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Address to listen on; anything but loopback needs <see cref="Username"/> and <see cref="Password"/>.</summary>
    public string Host { get; set; } = "127.0.0.1";

    public int Port { get; set; } = 1883;

    /// <summary>The silo's own account (its telemetry, relay and simulator clients): may publish and subscribe anywhere.</summary>
    public string? Username { get; set; }

    public string? Password { get; set; }

    /// <summary>Accounts for devices, each limited to its devices' topics; they need <see cref="Username"/> set, or anyone could connect without one.</summary>
    public List<MqttBrokerAccount> Accounts { get; set; } = [];

    /// <summary>
    /// The largest PUBLISH payload the broker passes on, in bytes; a larger one is refused and its sender
    /// disconnected. No telemetry message or plug command comes near 64 KiB.
    /// </summary>
    public int MaxPacketBytes { get; set; } = 64 * 1024;

    /// <summary>
    /// Messages queued for one subscriber before the oldest is dropped. Telemetry is worth only as much as it
    /// is fresh: a subscriber that falls this far behind gets the newest readings, not a growing backlog of
    /// stale ones. 500 keeps the MQTT ingest p99 near 13 ms under a flood (docs/performance.md).
    /// </summary>
    public int MaxPendingMessagesPerClient { get; set; } = 500;
}
