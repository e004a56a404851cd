using System.Text.Json;
using Spectre.Console;
using static BitGridAI.Cli.Remote.ConsoleOutput;

namespace BitGridAI.Cli.Remote;

/// <summary><c>bitgrid decisions [--limit N] [--json]</c>: the newest recorded decisions first, as a table (<c>GET /api/v1/decisions</c>).</summary>
internal static class DecisionsCommand
{
    private static readonly string[] Headers = ["block", "miner", "decision", "action", "mode", "trigger", "why"];
    private static readonly string[] Fields = ["block_id", "miner", "decision_code", "action", "mode", "trigger", "short_text"];

    public static int Run(Arguments args, CliIO io)
    {
        var limit = args.IntOption("limit", 20, 1, 1000);
        var session = RemoteSession.Open("decisions", "viewer", args, io);
        args.RejectUnknown(maxPositionals: 0);
        return session.Run(async api =>
        {
            var answer = await api.GetAsync($"/api/v1/decisions?limit={limit}");
            if (session.Json)
            {
                return session.WriteJson(answer);
            }
            var decisions = answer.Root(api.Server);
            if (decisions.ValueKind != JsonValueKind.Array)
            {
                throw session.Unexpected($"a JSON {decisions.ValueKind.ToString().ToLowerInvariant()}");
            }
            var table = new Table().Border(TableBorder.Rounded);
            foreach (var column in Headers)
            {
                table.AddColumn(column);
            }
            foreach (var d in JsonRead.Items(decisions))
            {
                table.AddRow(Fields.Select(name => Plain(JsonRead.String(d, name))));
            }
            if (table.Rows.Count == 0)
            {
                session.Out.WriteLine("no decision recorded yet");
                return CliApp.Ok;
            }
            session.Out.Write(table);
            return CliApp.Ok;
        });
    }
}
