using System.Globalization;

namespace BitGridAI.Explain.Text;

/// <summary>
/// Numbers and quantities in a language's format. The repo runs with InvariantGlobalization, so culture data for
/// de-DE is not available: the formats are built here (German decimal comma, no digit grouping in either language so
/// a number is never ambiguous to the verifier).
/// </summary>
public static class NumberText
{
    private static readonly NumberFormatInfo EnglishFormat = new() { NumberDecimalSeparator = ".", NegativeSign = "-" };
    private static readonly NumberFormatInfo GermanFormat = new() { NumberDecimalSeparator = ",", NegativeSign = "-" };

    public static NumberFormatInfo FormatOf(Language language) => language == Language.German ? GermanFormat : EnglishFormat;

    public static char DecimalSeparator(Language language) => language == Language.German ? ',' : '.';

    /// <summary>The number alone, after the unit's display rounding, trailing zeros dropped: "1,5", "4", "0.85".</summary>
    public static string Number(double value, Unit unit, Language language) =>
        Units.Displayed(value, unit).ToString("0.###", FormatOf(language));

    /// <summary>Number and unit, e.g. "1,5 kW", "85 °C", "1 block", "3 Blöcke".</summary>
    public static string Quantity(double value, Unit unit, Language language)
    {
        var number = Number(value, unit, language);
        var symbol = unit switch
        {
            Unit.Watt => "W",
            Unit.Kilowatt => "kW",
            Unit.Percent => "%",
            Unit.Celsius => "°C",
            Unit.Seconds => "s",
            Unit.CentPerKwh => "ct/kWh",
            Unit.Minutes => "min",
            Unit.SatsPerThDay => "sats/TH/day",
            Unit.Euro => "€",
            Unit.Cent => "ct",
            Unit.Sats => "sats",
            Unit.Blocks => BlockWord(Units.Displayed(value, unit) == 1, language),
            _ => "",
        };
        return symbol.Length == 0 ? number : $"{number} {symbol}";
    }

    /// <summary>A time as shown: "HH:mm UTC" on the evaluation's day, with the date before it on any other day.</summary>
    public static string Time(DateTimeOffset time, DateTimeOffset now)
    {
        var utc = time.ToUniversalTime();
        return utc.Date == now.ToUniversalTime().Date
            ? utc.ToString("HH:mm", CultureInfo.InvariantCulture) + " UTC"
            : utc.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC";
    }

    private static string BlockWord(bool one, Language language) => (language, one) switch
    {
        (Language.German, true) => "Block",
        (Language.German, false) => "Blöcke",
        (_, true) => "block",
        _ => "blocks",
    };
}
