using System.Globalization;

namespace BitGridAI.Adapters.Mqtt;

/// <summary>The MQTT topic and payload that switch a Shelly relay (Gen1 plain commands, Gen2 Switch.Set RPC).</summary>
public static class ShellyCommands
{
    public static (string Topic, string Payload) Switch(MqttRelayDefinition relay, bool on, long requestId) => relay.Protocol switch
    {
        "shelly-gen1" => ($"shellies/{relay.Topic}/relay/{relay.Channel}/command", on ? "on" : "off"),
        "shelly-gen2" => ($"{relay.Topic}/rpc",
            "{\"id\":" + requestId.ToString(CultureInfo.InvariantCulture)
            + ",\"src\":\"bitgrid\",\"method\":\"Switch.Set\",\"params\":{\"id\":" + relay.Channel.ToString(CultureInfo.InvariantCulture)
            + ",\"on\":" + (on ? "true" : "false") + "}}"),
        _ => throw new ArgumentException($"relay '{relay.Id}': protocol must be shelly-gen1 or shelly-gen2 (got '{relay.Protocol}')", nameof(relay)),
    };
}
