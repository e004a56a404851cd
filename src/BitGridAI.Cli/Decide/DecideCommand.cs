using System.Text.Encodings.Web;
using System.Text.Json;
using BitGridAI.Domain.Engine;

namespace BitGridAI.Cli.Decide;

/// <summary><c>bitgrid decide</c>: one JSON object on stdin → one decision as JSON on stdout.</summary>
internal static class DecideCommand
{
    public static int Run(Arguments args, CliIO io, TimeProvider clock)
    {
        args.RejectUnknown(maxPositionals: 0);
        using var input = new MemoryStream();
        io.In.CopyTo(input);
        var request = DecideRequest.Read(input.GetBuffer().AsMemory(0, (int)input.Length), clock.GetUtcNow());
        var decision = DecisionEngine.Decide(request.State, request.Context, request.Config);

        var options = new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        using (var json = new Utf8JsonWriter(io.Out, options))
        {
            DecisionJson.Write(json, decision, request.State, request.Context, request.Config);
        }
        io.Out.Write("\n"u8);
        io.Out.Flush();
        return 0;
    }
}
