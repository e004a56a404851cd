namespace BitGridAI.Adapters.Mqtt;

/// <summary>
/// Pushed telemetry over MQTT: the broker (the silo's embedded one or an existing one), the site's own topic
/// schema and the devices mapped from topics they already publish. Section <c>MqttTelemetry</c>; the topic
/// schema is in docs/mqtt.md.
/// </summary>
public sealed class MqttTelemetryOptions
{
    public const string Section = "MqttTelemetry";

    public string Host { get; set; } = "127.0.0.1";

    public int Port { get; set; } = 1883;

    public string? Username { get; set; }

    public string? Password { get; set; }

    /// <summary>TLS to the broker (usually port 8883); the server certificate must be trusted by the OS.</summary>
    public bool UseTls { get; set; }

    /// <summary>Brokers allow one connection per client id: two silos of one site need different ids.</summary>
    public string ClientId { get; set; } = "bitgrid-telemetry";

    /// <summary>The site id as it appears in topics: <c>{TopicPrefix}/{Site}/…</c>.</summary>
    public string Site { get; set; } = "home";

    /// <summary>First level of every BitGridAI topic.</summary>
    public string TopicPrefix { get; set; } = "bitgrid";

    /// <summary>Larger payloads are counted as <c>oversized</c> and dropped unread: no telemetry message needs more.</summary>
    public int MaxPayloadBytes { get; set; } = 4096;

    /// <summary>First wait after a lost or refused connection; doubled on each failure up to <see cref="ReconnectMaxDelay"/>.</summary>
    public TimeSpan ReconnectMinDelay { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan ReconnectMaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a connect or subscribe may take before the attempt counts as failed.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Samples waiting for their device grain. When the grains fall this far behind, new samples are
    /// dropped and counted (<c>dropped_backpressure</c>) rather than growing memory without bound.
    /// </summary>
    public int QueueCapacity { get; set; } = 100_000;

    /// <summary>A bad-input kind is logged at its first occurrence per device and then every Nth time.</summary>
    public int LogEveryN { get; set; } = 1000;

    /// <summary>
    /// Devices that may publish on their BitGridAI telemetry topic, each with the signals it may send there.
    /// Any other device's message on that topic is refused (<c>refused_device</c>), and so is a signal the
    /// device is not listed for (<c>refused_signal</c>): a polled device gets nothing over MQTT.
    /// </summary>
    public List<MqttSchemaDevice> SchemaDevices { get; set; } = [];

    /// <summary>Devices whose existing topics are mapped onto signals (Shelly, Tasmota, Home Assistant, …).</summary>
    public List<MqttDeviceMapping> Devices { get; set; } = [];
}
