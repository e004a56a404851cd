using System.Text.Json;
using BitGridAI.Adapters.Drivers;

namespace BitGridAI.Simulator.Tests;

/// <summary>
/// The repository's shipped configuration, read from <c>silo-config/</c> as it is (not a copy): the miner templates'
/// modes, and the standalone site's miners — simulated and as the silo drives them.
/// </summary>
internal static class ShippedConfig
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The <c>silo-config</c> folder of the repository the tests were built from.</summary>
    public static string Folder { get; } = FindFolder();

    /// <summary>A template's <c>modes</c>, as the silo's drivers get them.</summary>
    public static MinerModes Modes(string template) => new(TemplateModes(template));

    public static IReadOnlyDictionary<string, MinerModeSettings> TemplateModes(string template)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, "templates", template + ".json")));
        return document.RootElement.GetProperty("modes").Deserialize<Dictionary<string, MinerModeSettings>>(Json)!;
    }

    /// <summary>A number from a template (such as <c>maxChipTempC</c>).</summary>
    public static double TemplateNumber(string template, string key)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, "templates", template + ".json")));
        return document.RootElement.GetProperty(key).GetDouble();
    }

    /// <summary>standalone.json's <c>Simulator:Miners</c>.</summary>
    public static List<SimulatedMinerOptions> StandaloneSimulatedMiners()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, "standalone.json")));
        return document.RootElement.GetProperty("Simulator").GetProperty("Miners").Deserialize<List<SimulatedMinerOptions>>(Json)!;
    }

    /// <summary>standalone.json's miner devices (<c>Site:Devices</c> with a miner template): id, template, port, priority.</summary>
    public static List<(string Id, string Template, int Port, int Priority)> StandaloneMinerDevices()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, "standalone.json")));
        return
        [
            .. document.RootElement.GetProperty("Site").GetProperty("Devices").EnumerateArray()
                .Where(d => d.TryGetProperty("Template", out var t) && TemplateKind(t.GetString()!) == "miner")
                .Select(d => (
                    d.GetProperty("Id").GetString()!,
                    d.GetProperty("Template").GetString()!,
                    d.GetProperty("Port").GetInt32(),
                    d.TryGetProperty("Priority", out var p) ? p.GetInt32() : 0)),
        ];
    }

    private static string? TemplateKind(string template)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, "templates", template + ".json")));
        return document.RootElement.TryGetProperty("kind", out var kind) ? kind.GetString() : null;
    }

    private static string FindFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "silo-config");
            if (File.Exists(Path.Combine(candidate, "standalone.json")))
            {
                return candidate;
            }
        }
        throw new DirectoryNotFoundException($"no silo-config/standalone.json above {AppContext.BaseDirectory}");
    }
}
