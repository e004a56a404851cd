namespace BitGridAI.Domain.Config;

/// <summary>
/// One numeric configuration key: its snake_case name, the range a single value must lie in, and how
/// to read and set it. Rules between keys live in <see cref="ConfigValidator"/>.
/// </summary>
public sealed record ConfigKey(
    string Name,
    double Min,
    double Max,
    bool WholeNumber,
    bool Nullable,
    Func<EngineConfig, double?> Get,
    Func<EngineConfig, double?, EngineConfig> With)
{
    /// <summary>The allowed values as a person reads them.</summary>
    public string RangeText
    {
        get
        {
            var kind = WholeNumber ? "a whole number" : "a number";
            var range = (Min, Max) switch
            {
                (double.NegativeInfinity, double.PositiveInfinity) => kind,
                (var min, double.PositiveInfinity) => $"{kind} ≥ {min}",
                var (min, max) => $"{kind} from {min} to {max}",
            };
            return Nullable ? range + ", or null to disable" : range;
        }
    }

    /// <summary>Why this one value is not allowed, or null when it is.</summary>
    public string? Check(double? value) => value switch
    {
        null when Nullable => null,
        null => $"must be {RangeText} (got null)",
        { } v when !double.IsFinite(v) || v < Min || v > Max => $"must be {RangeText} (got {v})",
        { } v when WholeNumber && v != Math.Floor(v) => $"must be {RangeText} (got {v})",
        _ => null,
    };
}
