using System.Text.Json;
using System.Text.Json.Nodes;
using BitGridAI.Cli.Explaining;
using Spectre.Console;
using static BitGridAI.Cli.Remote.ConsoleOutput;

namespace BitGridAI.Cli.Remote;

/// <summary>
/// <c>bitgrid explain BLOCK_ID [--lang en|de] [--persona energy|heat|tech] [--miner ID] [--json]</c> without
/// <c>--data-dir</c>: a block's decisions explained by the running silo (<c>GET /api/v1/decisions/{blockId}</c>).
/// Exit 1 when the silo keeps no decision for the block, as the log-reading explain.
/// </summary>
internal static class RemoteExplainCommand
{
    public static int Run(Arguments args, CliIO io)
    {
        var blockId = args.Positionals.Count == 1 ? args.Positionals[0] : throw new CliInputException("a block id is required, e.g. bitgrid explain 2026-06-21T10:00:00Z");
        ExplainCommand.ParseBlock(blockId);
        var lang = args.Option("lang");
        if (lang is not (null or "en" or "de"))
        {
            throw new CliInputException($"--lang: must be en or de (got '{lang}')");
        }
        var persona = args.Option("persona");
        if (persona is not (null or "energy" or "heat" or "tech"))
        {
            throw new CliInputException($"--persona: must be energy, heat or tech (got '{persona}')");
        }
        var miner = args.Option("miner");
        var session = RemoteSession.Open("explain", "viewer", args, io);
        args.RejectUnknown(maxPositionals: 1);
        var query = string.Join('&', new[] { ("lang", lang), ("persona", persona) }.Where(p => p.Item2 is not null).Select(p => $"{p.Item1}={p.Item2}"));
        return session.Run(async api =>
        {
            var answer = await api.GetAsync($"/api/v1/decisions/{blockId}{(query.Length > 0 ? "?" + query : "")}");
            var block = answer.Root(api.Server);
            if (block.ValueKind != JsonValueKind.Object)
            {
                throw session.Unexpected($"a JSON {block.ValueKind.ToString().ToLowerInvariant()}");
            }
            var decisions = JsonRead.Array(block, "decisions").Where(d => miner is null || JsonRead.String(d, "miner") == miner).ToList();
            if (miner is not null && decisions.Count == 0)
            {
                io.Err.WriteLine(CliApp.OneLine($"bitgrid explain: no decision of miner {miner} in block {blockId}"));
                return CliApp.Failed;
            }
            if (session.Json)
            {
                return miner is null ? session.WriteJson(answer) : WriteFiltered(session, answer, miner);
            }
            foreach (var decision in decisions)
            {
                Write(session.Out, blockId, decision);
            }
            return CliApp.Ok;
        });
    }

    /// <summary>The silo's document with only <paramref name="miner"/>'s decisions: everything else stays as the silo sent it.</summary>
    private static int WriteFiltered(RemoteSession session, ApiAnswer answer, string miner)
    {
        JsonObject document;
        try
        {
            document = JsonNode.Parse(answer.Body)!.AsObject();
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or JsonException)
        {
            // A document JsonDocument reads but JsonObject refuses (a key twice): filtering would have to guess.
            throw session.Unexpected("a document whose decisions cannot be filtered by miner");
        }
        if (document["decisions"] is JsonArray all)
        {
            foreach (var other in all.Where(d => d is JsonObject o && o["miner"]?.GetValueKind() == JsonValueKind.String && o["miner"]!.GetValue<string>() != miner).ToList())
            {
                all.Remove(other);
            }
        }
        return session.WriteJson(answer with { Body = System.Text.Encoding.UTF8.GetBytes(document.ToJsonString()) });
    }

    private static void Write(IAnsiConsole console, string blockId, JsonElement d)
    {
        var lines = new List<string>
        {
            $"block {Clean(blockId)} · {Clean(JsonRead.String(d, "miner"))} · {Clean(JsonRead.String(d, "decision_code"))} ({Clean(JsonRead.String(d, "trigger"))}), decided {Show.Time(JsonRead.Time(d, "decided_at"))}",
        };
        if (JsonRead.Object(d, "explanation") is not { } e)
        {
            lines.Add("the silo has no explanation for this code");
        }
        else
        {
            var german = JsonRead.String(e, "language") == "de";
            lines.Add(Clean(JsonRead.String(e, "short_text")));
            lines.Add(Clean(JsonRead.String(e, "long_text")));
            lines.Add($"{(german ? "Auslöser" : "Trigger")}: {Clean(JsonRead.String(e, "trigger"))}");
            lines.Add($"{(german ? "Datenbasis" : "Data")}: {Clean(JsonRead.String(e, "data_basis"))}");
            lines.Add($"{(german ? "Wirkung" : "Effect")}: {Clean(JsonRead.String(e, "effect"))}");
            lines.Add($"{(german ? "Ihre Möglichkeiten" : "Your options")}:");
            lines.AddRange(JsonRead.Array(e, "options").Select(o => $"  - {Clean(JsonRead.Text(o))}"));
            lines.Add($"{(german ? "Was es ändern würde" : "What would change it")}: {Clean(JsonRead.String(e, "counterfactuals"))}");
            lines.AddRange(JsonRead.Array(e, "notes").Select(n => $"note: {Clean(JsonRead.Text(n))}"));
        }
        if (JsonRead.String(d, "overruled_override") is { } overruled)
        {
            lines.Add($"overruled override: {Clean(overruled)}");
        }
        foreach (var line in lines)
        {
            console.Write(Plain(line));
            console.WriteLine();
        }
        console.WriteLine();
    }
}
