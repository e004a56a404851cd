using System.Text.Json;
using Spectre.Console;

namespace BitGridAI.Cli.Remote;

/// <summary>
/// <c>bitgrid autonomy [get] [--json]</c> (viewer) and <c>bitgrid autonomy set FULL|SEMI|MANUAL [--json]</c> (operator):
/// <c>GET</c>/<c>PUT /api/v1/autonomy</c>.
/// </summary>
internal static class AutonomyCommand
{
    private static readonly string[] Levels = ["FULL", "SEMI", "MANUAL"];

    public static int Run(Arguments args, CliIO io)
    {
        var verb = args.Positionals.Count > 0 ? args.Positionals[0] : "get";
        switch (verb)
        {
            case "get":
            {
                var session = RemoteSession.Open("autonomy", "viewer", args, io);
                args.RejectUnknown(maxPositionals: 1);
                return session.Run(async api => Show(session, await api.GetAsync("/api/v1/autonomy"), api.Server, "autonomy"));
            }
            case "set":
            {
                var level = args.Positionals.Count > 1 ? args.Positionals[1].ToUpperInvariant() : throw new CliInputException("set: name the level: FULL, SEMI or MANUAL");
                if (!Levels.Contains(level))
                {
                    throw new CliInputException($"set: must be FULL, SEMI or MANUAL (got '{args.Positionals[1]}')");
                }
                var session = RemoteSession.Open("autonomy", "operator", args, io);
                args.RejectUnknown(maxPositionals: 2);
                return session.Run(async api => Show(session, await api.SendJsonAsync(HttpMethod.Put, "/api/v1/autonomy", [new("autonomy", level)]), api.Server, "autonomy now"));
            }
            default:
                throw new CliInputException($"unknown '{verb}' (get, or set FULL|SEMI|MANUAL)");
        }
    }

    private static int Show(RemoteSession session, ApiAnswer answer, string server, string label)
    {
        if (session.Json)
        {
            return session.WriteJson(answer);
        }
        var root = answer.Root(server);
        if (root.ValueKind != JsonValueKind.Object || JsonRead.String(root, "autonomy") is not { } level)
        {
            throw session.Unexpected("no autonomy level");
        }
        session.Out.WriteLine($"{label} {ConsoleOutput.Clean(level)}");
        return CliApp.Ok;
    }
}
