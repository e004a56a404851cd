using System.Buffers;
using System.Text.Json;
using BitGridAI.Domain.Signals;
using BitGridAI.Grains.Abstractions.Messages;

namespace BitGridAI.Adapters.Mqtt;

/// <summary>
/// Reads BitGridAI's own telemetry payload: one flat JSON object, <c>"ts"</c> (optional) and numbers keyed
/// by signal name, e.g. <c>{"ts":"2026-06-21T12:00:00Z","pv_power_w":4200,"battery_soc_pct":81.5}</c>.
/// A malformed payload or timestamp drops the whole message; a bad value drops only that value.
/// Read straight from the bytes: this is the path every high-rate sender takes.
/// </summary>
internal static class SchemaPayload
{
    private static readonly byte[] TimestampKey = "ts"u8.ToArray();

    /// <summary>Stamps and emits each good value the device may send; every problem is counted against the device.</summary>
    /// <param name="payload">The message's bytes, within the size cap.</param>
    /// <param name="device">The device the topic names.</param>
    /// <param name="allowed">The signals this device may send, as bits by signal number; others are refused.</param>
    /// <param name="receivedAt">The stamp for a payload without <c>ts</c>; null for a retained message, whose age is unknown.</param>
    /// <param name="counters">Where problems are counted.</param>
    /// <param name="emit">Takes a sample; false when it could not be queued.</param>
    public static void Decode(
        ReadOnlySequence<byte> payload, string device, int allowed, DateTimeOffset? receivedAt, IngestCounters counters, Func<string, TelemetrySample, bool> emit)
    {
        // Signals number 1..11 (bits of an int): one slot each, so a message costs no allocation before its samples.
        Span<double> values = stackalloc double[32];
        var present = 0;
        DateTimeOffset? stamped = null;
        try
        {
            // A span reader is markedly cheaper than a sequence reader, and broker payloads are almost always one segment.
            var reader = payload.IsSingleSegment
                ? new Utf8JsonReader(payload.FirstSpan, new JsonReaderOptions { MaxDepth = 8 })
                : new Utf8JsonReader(payload, new JsonReaderOptions { MaxDepth = 8 });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                counters.Record(device, IngestProblem.WrongType, "the payload must be a JSON object");
                return;
            }
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals(TimestampKey))
                {
                    reader.Read();
                    if (!TryTimestamp(ref reader, out var at))
                    {
                        counters.Record(device, IngestProblem.BadTimestamp, "\"ts\" must be RFC 3339 with an offset (e.g. 2026-06-21T12:00:00Z) or Unix seconds");
                        return;
                    }
                    stamped = at;
                    continue;
                }
                var signal = ReadSignalName(ref reader);
                var unknownKey = signal == Signal.Unknown ? reader.GetString() : null;
                reader.Read();
                if (unknownKey is not null)
                {
                    counters.Record(device, IngestProblem.UnknownSignal, $"'{unknownKey}' is no signal name");
                    reader.Skip();
                    continue;
                }
                if ((allowed & (1 << (int)signal)) == 0)
                {
                    counters.Record(device, IngestProblem.RefusedSignal, $"'{device}' is not configured to send {SignalInfo.Name(signal)}");
                    reader.Skip();
                    continue;
                }
                switch (reader.TokenType)
                {
                    case JsonTokenType.Number when reader.TryGetDouble(out var value) && double.IsFinite(value):
                        values[(int)signal] = value;
                        present |= 1 << (int)signal;
                        break;
                    case JsonTokenType.Number:
                        counters.Record(device, IngestProblem.NotFinite, $"{SignalInfo.Name(signal)} is too large for a number");
                        break;
                    case JsonTokenType.Null:
                        break; // the sender says it has no reading: the signal is missing, which is no error
                    default:
                        counters.Record(device, IngestProblem.WrongType, $"{SignalInfo.Name(signal)} must be a number (got {reader.TokenType})");
                        reader.Skip();
                        break;
                }
            }
            // The reader only throws on broken JSON; reaching here means the object closed or the data ended.
            if (reader.TokenType != JsonTokenType.EndObject || reader.Read())
            {
                counters.Record(device, IngestProblem.MalformedJson, "data after the JSON object");
                return;
            }
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            // InvalidOperationException: a key or string that is not valid UTF-8 cannot be read as text.
            counters.Record(device, IngestProblem.MalformedJson, e.Message);
            return;
        }
        if ((stamped ?? receivedAt) is not { } stamp)
        {
            if (present != 0)
            {
                counters.Record(device, IngestProblem.StaleRetained, "a retained message without \"ts\": its age is unknown");
            }
            return;
        }
        foreach (var signal in SignalInfo.All)
        {
            if ((present & (1 << (int)signal)) != 0 && emit(device, new TelemetrySample(signal, values[(int)signal], stamp)))
            {
                counters.SampleQueued();
            }
        }
    }

    private static bool TryTimestamp(ref Utf8JsonReader reader, out DateTimeOffset at)
    {
        at = default;
        return reader.TokenType switch
        {
            JsonTokenType.String when !reader.ValueIsEscaped && !reader.HasValueSequence =>
                PayloadTime.HasOffset(reader.ValueSpan) && reader.TryGetDateTimeOffset(out at),
            JsonTokenType.String => PayloadTime.TryParse(reader.GetString()!, out at),
            JsonTokenType.Number => reader.TryGetDouble(out var seconds) && PayloadTime.TryFromUnixSeconds(seconds, out at),
            _ => false,
        };
    }

    private static Signal ReadSignalName(ref Utf8JsonReader reader)
    {
        foreach (var signal in SignalInfo.All)
        {
            if (reader.ValueTextEquals(SignalNames.Utf8(signal)))
            {
                return signal;
            }
        }
        return Signal.Unknown;
    }
}
