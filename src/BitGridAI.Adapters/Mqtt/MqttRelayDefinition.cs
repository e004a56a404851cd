namespace BitGridAI.Adapters.Mqtt;

/// <summary>A smart plug switched over MQTT: its relay id (as miners name it), its protocol and its topic prefix.</summary>
public sealed class MqttRelayDefinition
{
    /// <summary>The id a miner names as its <c>RelayId</c>.</summary>
    public string Id { get; set; } = "";

    /// <summary><c>shelly-gen2</c> (RPC over MQTT, Plus/Pro devices) or <c>shelly-gen1</c> (<c>shellies/…/relay/0/command</c>).</summary>
    public string Protocol { get; set; } = "shelly-gen2";

    /// <summary>The device's MQTT prefix, e.g. <c>shellyplusplugs-a8032ab12345</c>.</summary>
    public string Topic { get; set; } = "";

    /// <summary>Which switch of a multi-channel device (0 for a plug).</summary>
    public int Channel { get; set; }
}
