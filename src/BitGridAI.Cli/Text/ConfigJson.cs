using System.Text.Json;
using BitGridAI.Domain.Config;

namespace BitGridAI.Cli.Text;

/// <summary>Threshold overrides as JSON (<c>decide</c>'s <c>config</c>, <c>replay --config</c>): known keys only, then validated.</summary>
internal static class ConfigJson
{
    public static EngineConfig Read(JsonElement element, string prefix) => Validated(Overlay(element, prefix)(EngineConfig.Default), prefix);

    /// <summary>
    /// The keys a file names, as a change to any configuration (a what-if over recorded history changes only them);
    /// each value is checked here, the combination where it is applied (<see cref="Validated"/>).
    /// </summary>
    public static Func<EngineConfig, EngineConfig> Overlay(JsonElement element, string prefix)
    {
        JsonInput.RequireObject(element, prefix.TrimEnd('.'));
        var changes = new List<Func<EngineConfig, EngineConfig>>();
        foreach (var property in element.EnumerateObject())
        {
            var field = prefix + property.Name;
            if (property.Name == ConfigKeys.DataFailSafeName)
            {
                var text = JsonInput.Text(property.Value, field);
                var failSafe = ConfigKeys.TryParseDataFailSafe(text, out var parsed)
                    ? parsed
                    : throw new CliInputException($"{field}: must be \"stop\" or \"hold\" (got '{text}')");
                changes.Add(config => config with { DataFailSafe = failSafe });
                continue;
            }
            var key = ConfigKeys.Find(property.Name)
                ?? throw new CliInputException($"{field}: unknown key (known: {string.Join(", ", ConfigKeys.AllNames)})");
            var value = JsonInput.Number(property.Value, field);
            if (key.Check(value) is { } problem)
            {
                throw new CliInputException($"{field}: {problem}");
            }
            changes.Add(config => key.With(config, value));
        }
        return config => changes.Aggregate(config, (current, change) => change(current));
    }

    /// <summary>The configuration when its keys agree with each other; otherwise an input error naming the first key that does not.</summary>
    public static EngineConfig Validated(EngineConfig config, string prefix)
    {
        var errors = ConfigValidator.Validate(config);
        return errors.Count == 0 ? config : throw new CliInputException(prefix + errors[0]);
    }

    public static EngineConfig ReadFile(string path)
    {
        using var document = Open(path);
        return Read(document.RootElement, "config.");
    }

    /// <summary>A <c>--config</c> file as a change to recorded configurations (history replay's what-if).</summary>
    public static Func<EngineConfig, EngineConfig> ReadOverlayFile(string path)
    {
        using var document = Open(path);
        return Overlay(document.RootElement, "config.");
    }

    private static JsonDocument Open(string path)
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
        return JsonInput.Parse(bytes, $"--config {path}");
    }
}
