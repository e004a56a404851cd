using System.Text.Json;
using BitGridAI.Domain.Config;

namespace BitGridAI.Cli.Text;

/// <summary>Threshold overrides as JSON (<c>decide</c>'s <c>config</c>, <c>replay --config</c>): known keys only, then validated.</summary>
internal static class ConfigJson
{
    public static EngineConfig Read(JsonElement element, string prefix)
    {
        JsonInput.RequireObject(element, prefix.TrimEnd('.'));
        var config = EngineConfig.Default;
        foreach (var property in element.EnumerateObject())
        {
            var field = prefix + property.Name;
            if (property.Name == ConfigKeys.DataFailSafeName)
            {
                var text = JsonInput.Text(property.Value, field);
                config = ConfigKeys.TryParseDataFailSafe(text, out var failSafe)
                    ? config with { DataFailSafe = failSafe }
                    : throw new CliInputException($"{field}: must be \"stop\" or \"hold\" (got '{text}')");
                continue;
            }
            var key = ConfigKeys.Find(property.Name)
                ?? throw new CliInputException($"{field}: unknown key (known: {string.Join(", ", ConfigKeys.AllNames)})");
            var value = JsonInput.Number(property.Value, field);
            if (key.Check(value) is { } problem)
            {
                throw new CliInputException($"{field}: {problem}");
            }
            config = key.With(config, value);
        }
        var errors = ConfigValidator.Validate(config);
        return errors.Count == 0 ? config : throw new CliInputException(prefix + errors[0]);
    }

    public static EngineConfig ReadFile(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliInputException($"--config: cannot read '{path}': {e.Message}");
        }
        using var document = JsonInput.Parse(bytes, $"--config {path}");
        return Read(document.RootElement, "config.");
    }
}
