using System.Globalization;

namespace BitGridAI.Silo.Configuration;

/// <summary>
/// Reads <c>Site:Economics:HeatValueCtKwh</c>: what a kWh of the miners' heat saves on heating, in ct. One number counts
/// for every month; a list of 12 gives January to December (heat is worth something in winter, nothing in summer).
/// Absent: 0 in every month, the heat is not useful.
/// </summary>
internal static class HeatValueSection
{
    public const string Path = "Site:Economics:HeatValueCtKwh";

    /// <summary>Lowest and highest heat value, in ct/kWh; below 0 the heat costs (it has to be cooled away).</summary>
    public const double Min = -100, Max = 1000;

    public static (IReadOnlyList<double> ByMonth, IReadOnlyList<string> Errors) Read(IConfiguration configuration)
    {
        var section = configuration.GetSection(Path);
        var months = new double[12];
        var errors = new List<string>();
        // A single value wins over a list: a command-line or environment override of a list in the file is one number.
        if (section.Value is { } single)
        {
            if (Parse(single) is { } value)
            {
                Array.Fill(months, value);
            }
            else
            {
                errors.Add($"{Path}: must be a number from {Min} to {Max} ct/kWh, or a list of 12 (January to December) (got '{single}')");
            }
            return (months, errors);
        }
        var entries = section.GetChildren().ToList();
        if (entries.Count == 0)
        {
            return (months, errors);
        }
        var indices = entries.Select(e => int.TryParse(e.Key, NumberStyles.None, CultureInfo.InvariantCulture, out var i) ? i : -1).ToList();
        if (entries.Count != 12 || indices.Any(i => i is < 0 or > 11))
        {
            errors.Add($"{Path}: a list must have 12 values, January to December (got {entries.Count})");
            return (months, errors);
        }
        for (var i = 0; i < entries.Count; i++)
        {
            if (Parse(entries[i].Value) is { } value)
            {
                months[indices[i]] = value;
            }
            else
            {
                errors.Add($"{Path}:{indices[i]}: must be a number from {Min} to {Max} ct/kWh (got '{entries[i].Value}')");
            }
        }
        return (months, errors);
    }

    private static double? Parse(string? text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value is >= Min and <= Max ? value : null;
}
