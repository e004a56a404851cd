using System.Globalization;
using System.Text.Json;
using Spectre.Console;

namespace BitGridAI.Cli.Remote;

/// <summary>
/// <c>bitgrid override start|throttle|stop --minutes N [--reason TEXT] [--miner ID] [--json]</c> and
/// <c>bitgrid override clear [--miner ID] [--json]</c> (<c>POST</c>/<c>DELETE /api/v1/override</c>, operator).
/// The minutes are checked here (a number ≥ 1); the silo checks the upper bound (max_override_min) and refuses an
/// override during a safety lockout (exit 3).
/// </summary>
internal static class OverrideCommand
{
    public static int Run(Arguments args, CliIO io)
    {
        var verb = args.Positionals.Count > 0 ? args.Positionals[0] : throw new CliInputException("say start, throttle or stop --minutes N, or clear");
        var miner = args.Option("miner");
        if (miner is { Length: 0 })
        {
            throw new CliInputException("--miner: name a miner (bitgrid status lists them)");
        }
        return verb switch
        {
            "start" or "throttle" or "stop" => Set(verb.ToUpperInvariant(), miner, args, io),
            "clear" => Clear(miner, args, io),
            _ => throw new CliInputException($"unknown '{verb}' (start, throttle, stop or clear)"),
        };
    }

    private static int Set(string action, string? miner, Arguments args, CliIO io)
    {
        var text = args.Option("minutes") ?? throw new CliInputException("--minutes: required (how long the override holds, e.g. --minutes 30)");
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var minutes) || !double.IsFinite(minutes) || minutes < 1)
        {
            throw new CliInputException($"--minutes: must be a number of at least 1 (got '{text}')");
        }
        var reason = args.Option("reason");
        var session = RemoteSession.Open("override", "operator", args, io);
        args.RejectUnknown(maxPositionals: 1);
        return session.Run(async api =>
        {
            var answer = await api.SendJsonAsync(HttpMethod.Post, "/api/v1/override",
            [
                new("action", action), new("duration_min", minutes), new("reason", reason), new("miner", miner),
            ]);
            if (session.Json)
            {
                return session.WriteJson(answer);
            }
            session.Out.WriteLine(answer.Json is { ValueKind: JsonValueKind.Object } active
                ? ConsoleOutput.Clean(SiteTables.Override(active))
                : $"override {action} on {ConsoleOutput.Clean(miner ?? "all miners")} for {minutes.ToString(CultureInfo.InvariantCulture)} min accepted");
            return CliApp.Ok;
        });
    }

    private static int Clear(string? miner, Arguments args, CliIO io)
    {
        var session = RemoteSession.Open("override", "operator", args, io);
        args.RejectUnknown(maxPositionals: 1);
        return session.Run(async api =>
        {
            var answer = await api.SendAsync(HttpMethod.Delete, miner is null ? "/api/v1/override" : $"/api/v1/override?miner={Uri.EscapeDataString(miner)}", null);
            if (session.Json)
            {
                return session.WriteJson(answer);
            }
            session.Out.WriteLine($"override cleared on {ConsoleOutput.Clean(miner ?? "all miners")}");
            return CliApp.Ok;
        });
    }
}
