using System.Globalization;

namespace BitGridAI.Cli.Text;

/// <summary>ISO 8601 times; a time without an offset is taken as UTC.</summary>
internal static class IsoTime
{
    public static bool TryParse(ReadOnlySpan<char> text, out DateTimeOffset time) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out time);

    /// <summary>The option <c>--name</c> as a time, null when not given; anything else is an input error naming it.</summary>
    public static DateTimeOffset? Option(Arguments args, string name) => args.Option(name) switch
    {
        null => null,
        var text when TryParse(text, out var time) => time,
        var text => throw new CliInputException($"--{name}: not an ISO 8601 time (got '{text}')"),
    };

    public static string Format(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
