using System.Text.Encodings.Web;
using System.Text.Json;
using BitGridAI.Domain.Engine;
using BitGridAI.Explain;

namespace BitGridAI.Cli.Decide;

/// <summary>
/// <c>bitgrid decide [--explain [--lang en|de] [--persona energy|heat|tech]]</c>: one JSON object on stdin → one
/// decision as JSON on stdout, with its explanation when asked. An unknown language or persona is a note in the
/// explanation, not an input error: the decision itself was asked for correctly.
/// </summary>
internal static class DecideCommand
{
    public static int Run(Arguments args, CliIO io, TimeProvider clock)
    {
        var explain = args.Flag("explain");
        var (language, persona) = (args.Option("lang"), args.Option("persona"));
        args.RejectUnknown(maxPositionals: 0);
        using var input = new MemoryStream();
        io.In.CopyTo(input);
        var request = DecideRequest.Read(input.GetBuffer().AsMemory(0, (int)input.Length), clock.GetUtcNow());
        var options = new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        using (var json = new Utf8JsonWriter(io.Out, options))
        {
            if (request.Miners.Count == 0)
            {
                var decision = DecisionEngine.Decide(request.State, request.Context, request.Config);
                var explanation = explain ? ExplanationJson.Explain(decision, request, ExplainOptions.Parse(language, persona)) : null;
                DecisionJson.Write(json, decision, request.State, request.Context, request.Config, explanation);
            }
            else
            {
                FleetJson.Write(json, request, explain ? ExplainOptions.Parse(language, persona) : null);
            }
        }
        io.Out.Write("\n"u8);
        io.Out.Flush();
        return 0;
    }
}
