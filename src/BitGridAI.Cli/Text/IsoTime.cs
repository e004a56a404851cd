using System.Globalization;

namespace BitGridAI.Cli.Text;

/// <summary>ISO 8601 times; a time without an offset is taken as UTC.</summary>
internal static class IsoTime
{
    public static bool TryParse(ReadOnlySpan<char> text, out DateTimeOffset time) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out time);

    public static string Format(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
