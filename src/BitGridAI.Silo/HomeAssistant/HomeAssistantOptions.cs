using BitGridAI.Silo.Configuration;

namespace BitGridAI.Silo.HomeAssistant;

/// <summary>
/// Home Assistant over MQTT discovery. Section <c>HomeAssistant</c>. The silo connects to the broker as a client
/// of its own — by default the embedded broker, with the silo's account (<c>Mqtt:Username</c>, none on a loopback
/// broker) — announces its entities under <see cref="DiscoveryPrefix"/>, publishes their states under
/// <see cref="StatePrefix"/> and takes commands there. docs/home-assistant.md.
/// </summary>
public sealed class HomeAssistantOptions
{
    public const string Section = "HomeAssistant";

    /// <summary>Default: on when the embedded broker is (<c>Mqtt:Enabled</c>); set true to use an existing broker (then set <see cref="Host"/>).</summary>
    public bool Enabled { get; set; }

    /// <summary>Home Assistant's discovery prefix (its MQTT integration's setting); default <c>homeassistant</c>.</summary>
    public string DiscoveryPrefix { get; set; } = "homeassistant";

    /// <summary>The node id in discovery topics and the prefix of every unique_id; default <c>bitgrid_{site}</c>. Letters, digits, _ and -.</summary>
    public string NodeId { get; set; } = "bitgrid_home";

    /// <summary>Where states, availability and commands live; default <c>bitgrid/{site}/ha</c>.</summary>
    public string StatePrefix { get; set; } = "bitgrid/home/ha";

    /// <summary>The device name Home Assistant shows; default <c>BitGridAI {site}</c>.</summary>
    public string DeviceName { get; set; } = "BitGridAI home";

    /// <summary>The broker; default the embedded one (<c>Mqtt:Host</c>, loopback when it listens on every address).</summary>
    public string Host { get; set; } = "127.0.0.1";

    /// <summary>Default <c>Mqtt:Port</c>.</summary>
    public int Port { get; set; } = 1883;

    /// <summary>The silo's login at the broker; default <c>Mqtt:Username</c> (the silo's own account).</summary>
    public string? Username { get; set; }

    public string? Password { get; set; }

    /// <summary>TLS to the broker (usually port 8883); the server certificate must be trusted by the OS.</summary>
    public bool UseTls { get; set; }

    /// <summary>Brokers allow one connection per client id.</summary>
    public string ClientId { get; set; } = "bitgrid-home-assistant";

    /// <summary>States are published when they change (a decision, a command) and all of them at this period; default 10 s.</summary>
    public TimeSpan StateInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long the override buttons hold, in minutes; default 60, at most the site's max_override_min.</summary>
    public int OverrideMinutes { get; set; } = 60;

    /// <summary>
    /// Commands taken per minute; more are dropped (logged, and audited once a minute), so a flood from the broker can
    /// neither drive the miners nor fill the event log. Default 30.
    /// </summary>
    public int CommandsPerMinute { get; set; } = 30;

    /// <summary>An account for Home Assistant itself at the embedded broker, limited to the discovery and state topics; optional.</summary>
    public HomeAssistantAccount? Account { get; set; }

    /// <summary>The defaults for a site: the embedded broker's address and the silo's account, names with the site id.</summary>
    public static HomeAssistantOptions For(MqttBrokerOptions mqtt, string siteId) => new()
    {
        Enabled = mqtt.Enabled,
        NodeId = "bitgrid_" + HomeAssistantIds.Sanitize(siteId),
        StatePrefix = $"bitgrid/{siteId}/ha",
        DeviceName = $"BitGridAI {siteId}",
        Host = mqtt.Host == "0.0.0.0" ? "127.0.0.1" : mqtt.Host,
        Port = mqtt.Port,
        Username = mqtt.Username,
        Password = mqtt.Password,
    };
}
