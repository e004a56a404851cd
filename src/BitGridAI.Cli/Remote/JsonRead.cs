using System.Globalization;
using System.Text.Json;

namespace BitGridAI.Cli.Remote;

/// <summary>
/// Reads an API answer tolerantly: a missing field, a null or a value of another kind reads as null, so a newer
/// silo's extra fields or an odd answer show as "—" instead of stopping the console.
/// </summary>
internal static class JsonRead
{
    public static JsonElement? Property(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    public static string? String(JsonElement element, string name) => Property(element, name) is { } value ? Text(value) : null;

    public static double? Number(JsonElement element, string name) =>
        Property(element, name) is { ValueKind: JsonValueKind.Number } value && value.TryGetDouble(out var number) && double.IsFinite(number) ? number : null;

    public static bool Bool(JsonElement element, string name) => Property(element, name) is { ValueKind: JsonValueKind.True };

    public static JsonElement? Object(JsonElement element, string name) => Property(element, name) is { ValueKind: JsonValueKind.Object } value ? value : null;

    /// <summary>The array's items, or none when the field is missing or no array.</summary>
    public static IEnumerable<JsonElement> Array(JsonElement element, string name) =>
        Property(element, name) is { ValueKind: JsonValueKind.Array } value ? value.EnumerateArray() : [];

    public static IEnumerable<JsonElement> Items(JsonElement element) => element.ValueKind == JsonValueKind.Array ? element.EnumerateArray() : [];

    /// <summary>A time field as UTC, or null.</summary>
    public static DateTimeOffset? Time(JsonElement element, string name) =>
        String(element, name) is { } text && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time)
            ? time
            : null;

    /// <summary>A scalar as text (strings as they are, numbers and booleans as JSON writes them); objects and arrays as null.</summary>
    public static string? Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
        _ => null,
    };
}
