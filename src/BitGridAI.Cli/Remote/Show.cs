using System.Globalization;
using BitGridAI.Cli.Text;

namespace BitGridAI.Cli.Remote;

/// <summary>How the console writes the API's values for people: units attached, "—" for a value the silo does not have.</summary>
internal static class Show
{
    public const string Missing = "—";

    public static string Watts(double? w) => w is { } v ? $"{v.ToString("F0", CultureInfo.InvariantCulture)} W" : Missing;

    public static string Number(double? value, string format = "0.###") => value is { } v ? v.ToString(format, CultureInfo.InvariantCulture) : Missing;

    public static string Unit(double? value, string unit, string format = "0.#") => value is { } v ? $"{v.ToString(format, CultureInfo.InvariantCulture)} {unit}" : Missing;

    /// <summary>A ratio (0.42) as a percentage (42.0 %).</summary>
    public static string Percent(double? ratio) => ratio is { } r ? $"{(r * 100).ToString("F1", CultureInfo.InvariantCulture)} %" : Missing;

    public static string Time(DateTimeOffset? time) => time is { } t ? IsoTime.Format(t) : Missing;

    /// <summary>Seconds as people say them: "45 s", "4 min 59 s", "2 h 05 min".</summary>
    public static string Duration(double? seconds)
    {
        if (seconds is not { } s || s < 0)
        {
            return Missing;
        }
        var span = TimeSpan.FromSeconds(Math.Min(Math.Round(s), TimeSpan.MaxValue.TotalSeconds / 2));
        return span.TotalHours >= 1 ? $"{(long)span.TotalHours} h {span.Minutes:00} min"
            : span.TotalMinutes >= 1 ? $"{span.Minutes} min {span.Seconds} s"
            : $"{span.Seconds} s";
    }

    /// <summary>Battery power with its direction (positive = discharging, the project's sign convention).</summary>
    public static string Battery(double? w) => w switch
    {
        null => Missing,
        > 0.5 => $"{Watts(w)} discharging",
        < -0.5 => $"{Watts(-w)} charging",
        _ => "idle",
    };
}
