using BitGridAI.Adapters.Mqtt;

namespace BitGridAI.Adapters.Tests;

/// <summary>Device mappings as a user would write them for a Shelly Plus plug, a Tasmota plug and Home Assistant.</summary>
internal static class SampleMappings
{
    /// <summary>Shelly Gen2 NotifyStatus events: power under "switch:0", the device's Unix time in params.ts.</summary>
    public const string ShellyTopic = "shellyplusplugs-a8032ab12345/events/rpc";

    /// <summary>Tasmota's periodic SENSOR message with an ENERGY block.</summary>
    public const string TasmotaTopic = "tele/tasmota_1A2B3C/SENSOR";

    /// <summary>Home Assistant's MQTT statestream: the state as plain text, here in kW.</summary>
    public const string HomeAssistantTopic = "homeassistant/sensor/pv_power_kw/state";

    public static MqttDeviceMapping Shelly() => TelemetryAdapters.Device("miner-plug",
        new MqttSignalMapping { Topic = ShellyTopic, JsonPath = "params.switch:0.apower", Signal = "miner_power_w", TimestampPath = "params.ts" });

    public static MqttDeviceMapping Tasmota() => TelemetryAdapters.Device("tasmota-plug",
        new MqttSignalMapping { Topic = TasmotaTopic, JsonPath = "ENERGY.Power", Signal = "house_load_w" });

    public static MqttDeviceMapping HomeAssistant() => TelemetryAdapters.Device("ha-pv",
        new MqttSignalMapping { Topic = HomeAssistantTopic, Signal = "pv_power_w", Scale = 1000 });

    public static string ShellyStatus(double apower, string ts) =>
        """{"src":"shellyplusplugs-a8032ab12345","dst":"shellyplusplugs-a8032ab12345/events","method":"NotifyStatus","params":{"ts":"""
        + ts + ""","switch:0":{"id":0,"apower":""" + apower.ToString(System.Globalization.CultureInfo.InvariantCulture) + "}}}";

    public static string TasmotaSensor(double power) =>
        $$$"""{"Time":"2026-06-21T14:00:00","ENERGY":{"TotalStartTime":"2026-01-01T00:00:00","Total":12.345,"Yesterday":1.2,"Today":0.4,"Power":{{{power}}},"Voltage":230,"Current":3.7}}""";
}
