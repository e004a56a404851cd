using System.Text.Json;

namespace BitGridAI.Cli.Tests.Support;

/// <summary>What a person sees after one run of <c>bitgrid</c>: the exit code, stdout and stderr.</summary>
internal sealed record CliResult(int ExitCode, string Out, string Err)
{
    public IReadOnlyList<string> ErrLines => Lines(Err);

    public IReadOnlyList<string> OutLines => Lines(Out);

    /// <summary>stdout as one JSON document (decide).</summary>
    public JsonElement Json => JsonDocument.Parse(Out).RootElement.Clone();

    /// <summary>stdout as JSON lines (replay).</summary>
    public IReadOnlyList<JsonElement> JsonLines => OutLines.Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();

    public string Code => Json.GetProperty("decision_code").GetString()!;

    public IReadOnlyList<string> Codes => JsonLines.Select(l => l.GetProperty("decision_code").GetString()!).ToList();

    private static List<string> Lines(string text) =>
        text.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0).ToList();
}
