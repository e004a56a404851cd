using System.Globalization;
using BitGridAI.Explain;

namespace BitGridAI.Silo.Dashboard;

/// <summary>
/// Numbers, powers and times as the dashboard shows them. The silo runs with invariant globalization, so the German
/// decimal comma is put in by hand; a value that is not measured shows as a dash, never as 0.
/// </summary>
internal static class Format
{
    public const string NotMeasured = "–";

    public static string Number(double? value, int decimals, Language language)
    {
        if (value is not { } v || !double.IsFinite(v))
        {
            return NotMeasured;
        }
        var text = v.ToString("N" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        return language == Language.German ? text.Replace(',', '\u2009').Replace('.', ',').Replace('\u2009', '.') : text;
    }

    /// <summary>W below 1 kW, kW above.</summary>
    public static string Power(double? watts, Language language) => watts switch
    {
        null => NotMeasured,
        { } w when Math.Abs(w) >= 1000 => $"{Number(w / 1000, 2, language)} kW",
        { } w => $"{Number(w, 0, language)} W",
    };

    /// <summary>A countdown as h:mm:ss (site time).</summary>
    public static string Countdown(TimeSpan remaining)
    {
        var r = remaining < TimeSpan.Zero ? TimeSpan.Zero : remaining;
        return $"{(int)r.TotalHours}:{r.Minutes:00}:{r.Seconds:00}";
    }

    public static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static string ShortTime(DateTimeOffset time) => time.UtcDateTime.ToString("MM-dd HH:mm'Z'", CultureInfo.InvariantCulture);

    /// <summary>Whole seconds, invariant: for data attributes tests read.</summary>
    public static string Seconds(TimeSpan span) => Math.Max(0, (long)span.TotalSeconds).ToString(CultureInfo.InvariantCulture);
}
