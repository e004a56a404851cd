using System.Globalization;
using BitGridAI.Domain.Config;

namespace BitGridAI.Silo.Configuration;

/// <summary>Reads <c>Site:Engine</c> (threshold keys as in RULES.md §3) into an <see cref="EngineConfig"/>, naming the key of every problem.</summary>
internal static class EngineConfigSection
{
    public const string Path = "Site:Engine";

    public static (EngineConfig Config, IReadOnlyList<string> Errors) Read(IConfiguration configuration)
    {
        var config = EngineConfig.Default;
        var errors = new List<string>();
        foreach (var entry in configuration.GetSection(Path).GetChildren())
        {
            var key = $"{Path}:{entry.Key}";
            if (entry.Key == ConfigKeys.DataFailSafeName)
            {
                if (ConfigKeys.TryParseDataFailSafe(entry.Value, out var failSafe))
                {
                    config = config with { DataFailSafe = failSafe };
                }
                else
                {
                    errors.Add($"{key}: must be \"stop\" or \"hold\" (got '{entry.Value}')");
                }
                continue;
            }
            if (ConfigKeys.Find(entry.Key) is not { } configKey)
            {
                errors.Add($"{key}: unknown key (known: {string.Join(", ", ConfigKeys.AllNames)})");
                continue;
            }
            double? value = string.IsNullOrEmpty(entry.Value) ? null
                : double.TryParse(entry.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) ? number : double.NaN;
            if (configKey.Check(value) is { } problem)
            {
                errors.Add($"{key}: {problem.Replace("(got NaN)", $"(got '{entry.Value}')", StringComparison.Ordinal)}");
                continue;
            }
            config = configKey.With(config, value);
        }
        if (errors.Count == 0)
        {
            errors.AddRange(ConfigValidator.Validate(config).Select(e => $"{Path}:{e}"));
        }
        return (config, errors);
    }
}
