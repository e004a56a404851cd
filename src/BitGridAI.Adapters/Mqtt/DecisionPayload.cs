using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using BitGridAI.Grains.Abstractions.Messages;

namespace BitGridAI.Adapters.Mqtt;

/// <summary>A recorded decision as the JSON payload published on <c>{prefix}/{site}/decisions/{miner}</c> (fields in docs/mqtt.md).</summary>
public static class DecisionPayload
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static byte[] Write(DecisionRecord d)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var json = new Utf8JsonWriter(buffer, Options))
        {
            json.WriteStartObject();
            json.WriteString("site", d.SiteId);
            json.WriteString("miner", d.MinerId);
            json.WriteNumber("sequence", d.Sequence);
            json.WriteString("block_id", d.BlockId);
            json.WriteString("code", d.DecisionCode);
            json.WriteString("action", d.Action);
            Nullable(json, "mode", d.Mode);
            json.WriteString("trigger", d.Trigger);
            json.WriteString("summary", d.Summary);
            json.WriteString("decided_at", d.DecidedAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture));
            json.WriteString("valid_until", d.ValidUntil.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture));
            json.WriteStartObject("params");
            foreach (var (key, value) in d.Params.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                if (value is { } v && double.IsFinite(v))
                {
                    json.WriteNumber(key, v);
                }
                else
                {
                    json.WriteNull(key);
                }
            }
            json.WriteEndObject();
            Strings(json, "rejected", d.Rejected);
            Strings(json, "missing", d.Missing);
            Nullable(json, "overruled_override", d.OverruledOverride);
            Nullable(json, "held_back_proposal", d.HeldBackProposal);
            Nullable(json, "actuator_fault", d.ActuatorFault);
            Nullable(json, "start_refused", d.StartRefused);
            json.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    private static void Nullable(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null)
        {
            json.WriteNull(name);
        }
        else
        {
            json.WriteString(name, value);
        }
    }

    private static void Strings(Utf8JsonWriter json, string name, IEnumerable<string> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values)
        {
            json.WriteStringValue(value);
        }
        json.WriteEndArray();
    }
}
