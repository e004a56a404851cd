using System.Buffers;
using System.Text;
using System.Text.Json;

namespace BitGridAI.Adapters.Mqtt;

/// <summary>
/// Reads the state a Shelly plug reports about its relay: Gen2 <c>{prefix}/status/switch:{n}</c>
/// (<c>{"id":0,"output":true,…}</c>) and the <c>NotifyStatus</c> event on <c>{prefix}/events/rpc</c>
/// (<c>{"method":"NotifyStatus","params":{"switch:0":{"output":false}}}</c>); Gen1
/// <c>shellies/{prefix}/relay/{n}</c> with <c>on</c> or <c>off</c>. Anything else, or anything malformed, is no report.
/// </summary>
internal static class ShellyReports
{
    /// <summary>A status message is a few hundred bytes; more is not a plug talking.</summary>
    private const int MaxReportBytes = 4096;

    /// <summary>The topics on which a relay reports its state.</summary>
    public static IEnumerable<string> Topics(MqttRelayDefinition relay) => relay.Protocol == "shelly-gen1"
        ? [$"shellies/{relay.Topic}/relay/{relay.Channel}"]
        : [$"{relay.Topic}/status/switch:{relay.Channel}", $"{relay.Topic}/events/rpc"];

    /// <summary>The relay's reported state, or null when the message says nothing about it.</summary>
    public static bool? Output(MqttRelayDefinition relay, string topic, ReadOnlySequence<byte> payload)
    {
        if (payload.Length > MaxReportBytes)
        {
            return null;
        }
        if (relay.Protocol == "shelly-gen1")
        {
            var text = Encoding.ASCII.GetString(payload).Trim();
            return text == "on" ? true : text == "off" ? false : null;
        }
        try
        {
            using var document = JsonDocument.Parse(payload, new JsonDocumentOptions { MaxDepth = 8 });
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return null;
            }
            if (topic.EndsWith("/events/rpc", StringComparison.Ordinal))
            {
                return root.TryGetProperty("method", out var method) && method.ValueKind == JsonValueKind.String && method.ValueEquals("NotifyStatus")
                       && root.TryGetProperty("params", out var parameters) && parameters.ValueKind == JsonValueKind.Object
                       && parameters.TryGetProperty($"switch:{relay.Channel}", out var status)
                    ? OutputOf(status)
                    : null;
            }
            return OutputOf(root);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static bool? OutputOf(JsonElement status) =>
        status.ValueKind == JsonValueKind.Object && status.TryGetProperty("output", out var output) && output.ValueKind is JsonValueKind.True or JsonValueKind.False
            ? output.GetBoolean()
            : null;
}
