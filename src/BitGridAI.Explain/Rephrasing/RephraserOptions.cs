using System.Globalization;

namespace BitGridAI.Explain.Rephrasing;

/// <summary>
/// Settings of the optional on-device rephraser. Without a <see cref="ModelFolder"/> the templates are shown
/// as they are. There is deliberately no address, host or download setting: the model is a local folder only.
/// </summary>
public sealed record RephraserOptions
{
    /// <summary>Configuration keys, so that any key/value source (appsettings, environment) can fill these options.</summary>
    public const string ModelFolderKey = "Explain:ModelFolder";
    public const string MaxNewTokensKey = "Explain:MaxNewTokens";
    public const string TimeLimitKey = "Explain:TimeLimit";

    /// <summary>A local folder holding an exported GenAI model (see docs/explain.md); null turns the rephraser off.</summary>
    public string? ModelFolder { get; init; }

    /// <summary>The short text is one or two sentences: a small budget keeps a slow CPU from stalling the page.</summary>
    public int MaxNewTokens { get; init; } = 48;

    /// <summary>How long the caller waits for the model before the template is shown instead.</summary>
    public TimeSpan TimeLimit { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Reads the options from configuration keys (e.g. <c>key =&gt; configuration[key]</c>); a missing key keeps its
    /// default. The time limit takes a TimeSpan ("00:00:02") or plain seconds ("2.5").
    /// </summary>
    /// <exception cref="FormatException">A value is present but is not a number or time span.</exception>
    public static RephraserOptions FromSettings(Func<string, string?> setting)
    {
        ArgumentNullException.ThrowIfNull(setting);
        var options = new RephraserOptions { ModelFolder = NullIfBlank(setting(ModelFolderKey)) };
        if (NullIfBlank(setting(MaxNewTokensKey)) is { } tokens)
        {
            options = options with
            {
                MaxNewTokens = int.TryParse(tokens, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n)
                    ? n
                    : throw new FormatException($"{MaxNewTokensKey} must be a whole number, not '{tokens}'."),
            };
        }

        if (NullIfBlank(setting(TimeLimitKey)) is { } limit)
        {
            options = options with { TimeLimit = ParseTimeLimit(limit) };
        }

        return options;
    }

    private static TimeSpan ParseTimeLimit(string value)
    {
        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
        {
            return TimeSpan.FromSeconds(seconds);
        }

        return TimeSpan.TryParse(value, CultureInfo.InvariantCulture, out var span)
            ? span
            : throw new FormatException($"{TimeLimitKey} must be seconds (\"2.5\") or a time span (\"00:00:02\"), not '{value}'.");
    }

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
