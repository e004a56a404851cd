using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using BitGridAI.Domain.Signals;
using BitGridAI.Grains.Abstractions.Messages;

namespace BitGridAI.Adapters.Mqtt;

/// <summary>
/// Reads the signals mapped onto one of a device's own topics. The payload is parsed once however many
/// signals come from it (a Tasmota SENSOR message carries power, voltage and energy at once). Numbers in
/// JSON strings are taken too: Home Assistant sends states as text.
/// </summary>
internal static class MappedPayload
{
    /// <param name="payload">The message's bytes, within the size cap.</param>
    /// <param name="signals">The signals mapped onto its topic.</param>
    /// <param name="receivedAt">The stamp for signals without a timestamp path; null for a retained message, whose age is unknown.</param>
    /// <param name="counters">Where problems are counted.</param>
    /// <param name="emit">Takes a sample; false when it could not be queued.</param>
    public static void Decode(
        ReadOnlySequence<byte> payload, IReadOnlyList<MappedSignal> signals, DateTimeOffset? receivedAt,
        IngestCounters counters, Func<string, TelemetrySample, bool> emit)
    {
        JsonDocument? document = null;
        string? jsonError = null;
        try
        {
            foreach (var mapped in signals)
            {
                if (mapped.Value is null && mapped.Time is null)
                {
                    if (Unstamped(mapped, receivedAt, counters) is { } stamp)
                    {
                        Emit(mapped, PlainNumber(payload, mapped, counters), stamp, counters, emit);
                    }
                    continue;
                }
                if (document is null && jsonError is null)
                {
                    try
                    {
                        document = JsonDocument.Parse(payload, new JsonDocumentOptions { MaxDepth = 16 });
                    }
                    catch (JsonException e)
                    {
                        jsonError = e.Message;
                    }
                }
                if (document is null)
                {
                    counters.Record(mapped.DeviceId, IngestProblem.MalformedJson, jsonError!);
                    continue;
                }
                var root = document.RootElement;
                var raw = mapped.Value is null ? PlainNumber(payload, mapped, counters) : JsonNumber(root, mapped, counters);
                if (raw is not null && Stamp(root, mapped, receivedAt, counters) is { } at)
                {
                    Emit(mapped, raw, at, counters, emit);
                }
            }
        }
        finally
        {
            document?.Dispose();
        }
    }

    private static void Emit(MappedSignal mapped, double? raw, DateTimeOffset at, IngestCounters counters, Func<string, TelemetrySample, bool> emit)
    {
        if (raw is not { } number)
        {
            return;
        }
        var value = (number * mapped.Scale) + mapped.Offset;
        if (!double.IsFinite(value))
        {
            counters.Record(mapped.DeviceId, IngestProblem.NotFinite, $"{SignalInfo.Name(mapped.Signal)}: {number} × {mapped.Scale} is not a finite number");
        }
        else if (emit(mapped.DeviceId, new TelemetrySample(mapped.Signal, value, at)))
        {
            counters.SampleQueued();
        }
    }

    private static double? PlainNumber(ReadOnlySequence<byte> payload, MappedSignal mapped, IngestCounters counters)
    {
        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(payload).Trim();
        }
        catch (DecoderFallbackException)
        {
            counters.Record(mapped.DeviceId, IngestProblem.MalformedJson, "the payload is not UTF-8 text");
            return null;
        }
        return Number(text, mapped, counters, "the payload");
    }

    private static double? JsonNumber(JsonElement root, MappedSignal mapped, IngestCounters counters)
    {
        if (!mapped.Value!.TryFind(root, out var element))
        {
            counters.Record(mapped.DeviceId, IngestProblem.MissingPath, $"no '{mapped.Value}' in the payload");
            return null;
        }
        switch (element.ValueKind)
        {
            case JsonValueKind.Number when element.TryGetDouble(out var value) && double.IsFinite(value):
                return value;
            case JsonValueKind.Number:
                counters.Record(mapped.DeviceId, IngestProblem.NotFinite, $"'{mapped.Value}' is too large for a number");
                return null;
            case JsonValueKind.String when TryText(element) is { } text:
                return Number(text, mapped, counters, $"'{mapped.Value}'");
            case JsonValueKind.String:
                counters.Record(mapped.DeviceId, IngestProblem.MalformedJson, $"'{mapped.Value}' is not valid UTF-8 text");
                return null;
            case JsonValueKind.Null:
                return null; // the device says it has no reading: the signal is missing, which is no error
            default:
                counters.Record(mapped.DeviceId, IngestProblem.WrongType, $"'{mapped.Value}' must be a number (got {element.ValueKind})");
                return null;
        }
    }

    private static double? Number(string text, MappedSignal mapped, IngestCounters counters, string what)
    {
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            counters.Record(mapped.DeviceId, IngestProblem.WrongType, $"{what} must be a number (got '{Shorten(text)}')");
            return null;
        }
        if (!double.IsFinite(value))
        {
            counters.Record(mapped.DeviceId, IngestProblem.NotFinite, $"{what} is '{Shorten(text)}'");
            return null;
        }
        return value;
    }

    private static DateTimeOffset? Unstamped(MappedSignal mapped, DateTimeOffset? receivedAt, IngestCounters counters)
    {
        if (receivedAt is null)
        {
            counters.Record(mapped.DeviceId, IngestProblem.StaleRetained, $"a retained message without a timestamp for {SignalInfo.Name(mapped.Signal)}: its age is unknown");
        }
        return receivedAt;
    }

    private static DateTimeOffset? Stamp(JsonElement root, MappedSignal mapped, DateTimeOffset? receivedAt, IngestCounters counters)
    {
        if (mapped.Time is null)
        {
            return Unstamped(mapped, receivedAt, counters);
        }
        if (!mapped.Time.TryFind(root, out var element))
        {
            counters.Record(mapped.DeviceId, IngestProblem.MissingPath, $"no timestamp '{mapped.Time}' in the payload");
            return null;
        }
        DateTimeOffset at = default;
        var ok = element.ValueKind switch
        {
            JsonValueKind.String => TryText(element) is { } text && PayloadTime.TryParse(text, out at),
            JsonValueKind.Number => element.TryGetDouble(out var seconds) && PayloadTime.TryFromUnixSeconds(seconds, out at),
            _ => false,
        };
        if (!ok)
        {
            counters.Record(mapped.DeviceId, IngestProblem.BadTimestamp, $"'{mapped.Time}' must be RFC 3339 with an offset or Unix seconds");
            return null;
        }
        return at;
    }

    /// <summary>A JSON string as text; null when its bytes are not valid UTF-8 (which the parser leaves to the reader to find).</summary>
    private static string? TryText(JsonElement element)
    {
        try
        {
            return element.GetString();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
