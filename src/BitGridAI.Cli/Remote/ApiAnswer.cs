using System.Text.Json;

namespace BitGridAI.Cli.Remote;

/// <summary>A successful answer of the API: its status, its body exactly as sent, and that body parsed (null when empty).</summary>
internal sealed record ApiAnswer(int Status, byte[] Body, JsonElement? Json)
{
    /// <summary>The answer's JSON root, or a failure saying the silo sent no body where one was due.</summary>
    public JsonElement Root(string server) => Json ?? throw new ApiFailure(CliApp.Failed, $"the silo at {server} answered {Status} without a body");
}
