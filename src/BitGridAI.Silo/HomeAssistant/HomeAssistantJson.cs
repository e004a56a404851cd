using System.Text.Encodings.Web;
using System.Text.Json;

namespace BitGridAI.Silo.HomeAssistant;

/// <summary>JSON as the bridge writes it: °C and umlauts as they are (MQTT payloads are never HTML).</summary>
internal static class HomeAssistantJson
{
    public static readonly JsonSerializerOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
