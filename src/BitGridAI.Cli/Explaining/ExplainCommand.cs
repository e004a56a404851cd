using System.Globalization;
using System.Text.Json;
using BitGridAI.Cli.Log;
using BitGridAI.Domain.Config;
using BitGridAI.Domain.History;
using BitGridAI.Domain.Time;
using BitGridAI.Explain;
using BitGridAI.Grains.Abstractions.Messages;
using BitGridAI.Grains.Abstractions.Recording;
using BitGridAI.Storage.History;

namespace BitGridAI.Cli.Explaining;

/// <summary>
/// <c>bitgrid explain BLOCK_ID [--lang en|de] [--persona energy|heat|tech] [--miner ID] [--data-dir DIR] [--json]</c>:
/// the decisions of one block, explained from the event log (works while the silo is stopped), each with what
/// would have changed it. Exit 1 when the log holds no decision for the block.
/// </summary>
internal static class ExplainCommand
{
    public const int NotFound = 1;

    public static int Run(Arguments args, CliIO io)
    {
        var blockId = args.Positionals.Count == 1 ? args.Positionals[0] : throw new CliInputException("a block id is required, e.g. bitgrid explain 2026-06-21T10:00:00Z");
        var start = ParseBlock(blockId);
        var dataDir = args.Option("data-dir") ?? "data";
        var minerFilter = args.Option("miner");
        var json = args.Flag("json");
        var (language, persona, parseNotes) = ExplainOptions.Parse(args.Option("lang"), args.Option("persona"));
        var notes = parseNotes.ToList();
        args.RejectUnknown(maxPositionals: 1);

        var store = DataDir.OpenLog(dataDir);
        var slots = new Dictionary<string, int>(StringComparer.Ordinal);
        var configs = new Dictionary<string, HistoryConfig>(StringComparer.Ordinal);
        foreach (var record in store.Read([LogKinds.Config], null, null))
        {
            try
            {
                configs[HistoryConfigJson.HashOf(record.Body)] = HistoryConfigJson.Read(record.Body, slots);
            }
            catch (FormatException)
            {
                // an unreadable version explains nothing; its decisions fall back to the default thresholds below
            }
        }
        // A block's decisions are taken at its start and, by the safety path, during it: an hour either side covers a late tick.
        var decisions = store.Read([LogKinds.Decision, LogKinds.Safety], start.AddHours(-1), start.AddHours(1))
            .Select(r => TryRead(r.Body))
            .OfType<DecisionRecord>()
            .Where(d => d.BlockId == blockId && (minerFilter is null || d.MinerId == minerFilter))
            .ToList();
        if (decisions.Count == 0)
        {
            io.Err.WriteLine($"bitgrid explain: no decision recorded for block {blockId}{(minerFilter is null ? "" : $" and miner {minerFilter}")} in {store.Database.Path}");
            return NotFound;
        }

        using var output = new StreamWriter(io.Out, leaveOpen: true) { NewLine = "\n" };
        foreach (var decision in decisions)
        {
            var config = ConfigFor(decision, configs, notes);
            var explanation = RecordedDecisionExplainer.Explain(decision, config, language, persona);
            if (explanation is null)
            {
                output.WriteLine($"block {decision.BlockId} · {decision.MinerId} · {decision.DecisionCode}: this version does not know the code; recorded text: {decision.Summary}");
                continue;
            }
            if (json)
            {
                WriteJson(output, decision, explanation, notes);
            }
            else
            {
                WriteText(output, decision, explanation, language);
            }
        }
        if (!json)
        {
            foreach (var note in notes)
            {
                io.Err.WriteLine($"note: {note}");
            }
        }
        return CliApp.Ok;
    }

    internal static DateTimeOffset ParseBlock(string blockId)
    {
        if (!DateTimeOffset.TryParseExact(blockId, "yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var start)
            || BlockClock.IdOf(BlockClock.IndexOf(start)) != blockId)
        {
            throw new CliInputException($"'{blockId}' is not a block id: a block starts every 10 minutes, written as yyyy-MM-ddTHH:mm:00Z (e.g. 2026-06-21T10:00:00Z)");
        }
        return start;
    }

    private static DecisionRecord? TryRead(string body)
    {
        try
        {
            return JsonSerializer.Deserialize(body, LogJson.Default.DecisionRecord);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static EngineConfig ConfigFor(DecisionRecord decision, Dictionary<string, HistoryConfig> configs, List<string> notes)
    {
        if (decision.ConfigHash is { } hash && configs.TryGetValue(hash, out var config))
        {
            var index = config.Miners.ToList().FindIndex(m => m.Id == decision.MinerId);
            return index >= 0 ? config.MinerEngines[index] : config.Engine;
        }
        notes.Add($"the configuration of the decision of {decision.MinerId} is not in the log: counterfactual thresholds use the defaults");
        return EngineConfig.Default;
    }

    private static void WriteText(StreamWriter output, DecisionRecord decision, Explanation e, Language language)
    {
        var german = language == Language.German;
        output.WriteLine($"block {decision.BlockId} · {decision.MinerId} · {decision.DecisionCode} ({decision.Trigger})");
        output.WriteLine(e.ShortText);
        output.WriteLine(e.LongText);
        output.WriteLine($"{(german ? "Auslöser" : "Trigger")}: {e.Trigger}");
        output.WriteLine($"{(german ? "Datenbasis" : "Data")}: {e.DataBasis}");
        output.WriteLine($"{(german ? "Wirkung" : "Effect")}: {e.Effect}");
        output.WriteLine($"{(german ? "Ihre Möglichkeiten" : "Your options")}:");
        foreach (var option in e.Options)
        {
            output.WriteLine($"  - {option}");
        }
        output.WriteLine($"{(german ? "Was es ändern würde" : "What would change it")}: {e.CounterfactualText}");
        output.WriteLine();
    }

    private static void WriteJson(StreamWriter output, DecisionRecord decision, Explanation e, IReadOnlyList<string> notes)
    {
        output.Flush();
        using (var json = new Utf8JsonWriter(output.BaseStream))
        {
            json.WriteStartObject();
            json.WriteString("block_id", decision.BlockId);
            json.WriteString("miner_id", decision.MinerId);
            json.WriteString("decision_code", decision.DecisionCode);
            json.WriteString("trigger", decision.Trigger);
            json.WriteString("language", e.Language == Language.German ? "de" : "en");
            json.WriteString("persona", e.Persona.ToString().ToLowerInvariant());
            json.WriteString("mood", e.Mood.ToString().ToLowerInvariant());
            json.WriteString("short", e.ShortText);
            json.WriteString("long", e.LongText);
            json.WriteString("trigger_text", e.Trigger);
            json.WriteString("data_basis", e.DataBasis);
            json.WriteString("effect", e.Effect);
            json.WriteStartArray("options");
            foreach (var option in e.Options)
            {
                json.WriteStringValue(option);
            }
            json.WriteEndArray();
            json.WriteString("counterfactuals", e.CounterfactualText);
            json.WriteStartArray("notes");
            foreach (var note in notes.Concat(e.Notes))
            {
                json.WriteStringValue(note);
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        output.BaseStream.WriteByte((byte)'\n');
    }
}
