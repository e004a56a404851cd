using System.Text.Json;

namespace BitGridAI.Cli.Text;

/// <summary>Strict reading of user JSON: every wrong type names the field it was found in.</summary>
internal static class JsonInput
{
    public static JsonDocument Parse(ReadOnlyMemory<byte> utf8, string what)
    {
        if (utf8.Span.Trim(" \t\r\n"u8).IsEmpty)
        {
            throw new CliInputException($"{what}: expected a JSON object, got nothing");
        }
        try
        {
            return JsonDocument.Parse(utf8, new JsonDocumentOptions { AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow });
        }
        catch (JsonException e)
        {
            throw new CliInputException($"{what}: malformed JSON at line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}");
        }
    }

    public static void RequireObject(JsonElement element, string field)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new CliInputException($"{field}: expected a JSON object, got {Kind(element)}");
        }
    }

    /// <summary>A number, or null for JSON null.</summary>
    public static double? Number(JsonElement element, string field) => element.ValueKind switch
    {
        JsonValueKind.Null => null,
        JsonValueKind.Number => element.GetDouble(),
        _ => throw new CliInputException($"{field}: expected a number, got {Kind(element)}"),
    };

    public static string? Text(JsonElement element, string field) => element.ValueKind switch
    {
        JsonValueKind.Null => null,
        JsonValueKind.String => element.GetString(),
        _ => throw new CliInputException($"{field}: expected a string, got {Kind(element)}"),
    };

    public static bool Bool(JsonElement element, string field) => element.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False or JsonValueKind.Null => false,
        _ => throw new CliInputException($"{field}: expected true or false, got {Kind(element)}"),
    };

    /// <summary>A finite number ≥ <paramref name="min"/>; JSON null is <paramref name="min"/> (the field's default).</summary>
    public static double AtLeast(JsonElement element, string field, double min)
    {
        if (element.ValueKind == JsonValueKind.Null)
        {
            return min;
        }
        if (element.ValueKind == JsonValueKind.Number && element.GetDouble() is var value && double.IsFinite(value) && value >= min)
        {
            return value;
        }
        throw new CliInputException($"{field}: expected a number ≥ {min}, got {Kind(element)} {element.GetRawText()}");
    }

    public static long WholeNumber(JsonElement element, string field, long min)
    {
        if (element.ValueKind == JsonValueKind.Number && element.TryGetInt64(out var value) && value >= min)
        {
            return value;
        }
        throw new CliInputException($"{field}: expected a whole number ≥ {min}, got {Kind(element)} {element.GetRawText()}");
    }

    public static DateTimeOffset Time(JsonElement element, string field)
    {
        var text = Text(element, field);
        return IsoTime.TryParse(text, out var time)
            ? time
            : throw new CliInputException($"{field}: expected an ISO 8601 time such as 2026-06-21T12:00:00Z (got '{text}')");
    }

    private static string Kind(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };
}
