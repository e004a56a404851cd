using System.Text.Json;
using Spectre.Console;
using static BitGridAI.Cli.Remote.ConsoleOutput;

namespace BitGridAI.Cli.Remote;

/// <summary>
/// <c>bitgrid emergency-stop [--reason TEXT] [--json]</c> and <c>bitgrid ack [--json]</c> (operator): every miner
/// stops at once and stays stopped until acknowledged; the acknowledgement starts each miner's safety lockout. An
/// ack with nothing to acknowledge says so (the API answers 200 with <c>acknowledged</c> false; exit 0).
/// </summary>
internal static class EmergencyStopCommand
{
    public static int Stop(Arguments args, CliIO io)
    {
        var reason = args.Option("reason");
        var session = RemoteSession.Open("emergency-stop", "operator", args, io);
        args.RejectUnknown(maxPositionals: 0);
        return session.Run(async api =>
        {
            var answer = await api.SendJsonAsync(HttpMethod.Post, "/api/v1/emergency-stop", [new("reason", reason)]);
            if (session.Json)
            {
                return session.WriteJson(answer);
            }
            session.Out.WriteLine("emergency stop: every miner was told to stop and stays stopped until someone runs bitgrid ack");
            WriteMiners(session.Out, answer);
            return CliApp.Ok;
        });
    }

    public static int Acknowledge(Arguments args, CliIO io)
    {
        var session = RemoteSession.Open("ack", "operator", args, io);
        args.RejectUnknown(maxPositionals: 0);
        return session.Run(async api =>
        {
            var answer = await api.SendAsync(HttpMethod.Post, "/api/v1/emergency-stop/ack", null);
            if (session.Json)
            {
                return session.WriteJson(answer);
            }
            var acknowledged = answer.Json is { ValueKind: JsonValueKind.Object } body
                && !(body.TryGetProperty("acknowledged", out var flag) && flag.ValueKind == JsonValueKind.False);
            session.Out.WriteLine(acknowledged
                ? "emergency stop acknowledged: each miner may start again once its safety lockout has run out"
                : "nothing to acknowledge: no miner was held by an emergency stop");
            WriteMiners(session.Out, answer);
            return CliApp.Ok;
        });
    }

    private static void WriteMiners(IAnsiConsole console, ApiAnswer answer)
    {
        if (answer.Json is not { ValueKind: JsonValueKind.Object } root)
        {
            return;
        }
        var table = new Table().Border(TableBorder.Rounded);
        table.AddColumn("miner");
        table.AddColumn("action");
        table.AddColumn("safety");
        foreach (var miner in JsonRead.Array(root, "miners"))
        {
            table.AddRow(Plain(JsonRead.String(miner, "id")), Plain(JsonRead.String(miner, "action")), SiteTables.Safety(miner));
        }
        if (table.Rows.Count > 0)
        {
            console.Write(table);
        }
    }
}
