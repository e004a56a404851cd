using System.Buffers;
using System.Text;
using System.Text.Json;
using BitGridAI.Domain.Signals;
using BitGridAI.Grains.Abstractions.Messages;
using BitGridAI.Grains.Abstractions.Recording;
using BitGridAI.Storage.EventLog;

namespace BitGridAI.Storage.Export;

/// <summary>
/// The rows of one export, read from the log in one pass. Anonymised, ids become <see cref="Pseudonyms"/> and free
/// text (explanations, refusal reasons, who asked) is left out: it may name a miner or a person.
/// </summary>
public sealed class ExportTables
{
    /// <summary>The kinds an export reads; config, research and export records stay out (no research value, and config names devices).</summary>
    public static IReadOnlyList<string> Kinds { get; } =
        [LogKinds.Block, LogKinds.Decision, LogKinds.Safety, LogKinds.Override, LogKinds.Autonomy];

    private readonly Pseudonyms? _pseudonyms;

    private ExportTables(Pseudonyms? pseudonyms)
    {
        _pseudonyms = pseudonyms;
    }

    public List<BlockRow> Blocks { get; } = [];

    public List<BlockSignalRow> BlockSignals { get; } = [];

    public List<DecisionRow> Decisions { get; } = [];

    public List<EventRow> Events { get; } = [];

    /// <param name="records">The log's records of <see cref="Kinds"/>, in position order.</param>
    /// <param name="pseudonyms">Null: ids and free text as recorded; otherwise anonymised with these pseudonyms.</param>
    public static ExportTables Read(IEnumerable<StoredRecord> records, Pseudonyms? pseudonyms)
    {
        var tables = new ExportTables(pseudonyms);
        foreach (var record in records)
        {
            try
            {
                tables.Add(record);
            }
            catch (JsonException e)
            {
                throw new StorageException($"record {record.Position} ({record.Kind}) has a body that cannot be read ({e.Message}); run verify-log", e);
            }
        }
        return tables;
    }

    private bool Anonymised => _pseudonyms is not null;

    private string Id(string id) => _pseudonyms?.Of(id) ?? id;

    private string? Text(string? text) => Anonymised ? null : text;

    private void Add(StoredRecord record)
    {
        switch (record.Kind)
        {
            case LogKinds.Block:
                AddBlock(record, Deserialize(record, LogJson.Default.BlockBody));
                break;
            case LogKinds.Decision:
                Decisions.Add(DecisionOf(record, Deserialize(record, LogJson.Default.DecisionRecord)));
                break;
            case LogKinds.Safety:
                var stop = Deserialize(record, LogJson.Default.DecisionRecord);
                Events.Add(new EventRow
                {
                    LogPosition = record.Position,
                    At = stop.DecidedAt.UtcDateTime,
                    Kind = record.Kind,
                    Miner = Id(stop.MinerId),
                    DecisionCode = stop.DecisionCode,
                    Action = stop.Action,
                    Reason = Text(stop.Summary),
                });
                break;
            case LogKinds.Override:
                var request = Deserialize(record, LogJson.Default.OverrideBody);
                Events.Add(new EventRow
                {
                    LogPosition = record.Position,
                    At = record.Time.UtcDateTime,
                    Kind = record.Kind,
                    Action = request.Action,
                    Request = request.Request,
                    Accepted = request.Accepted,
                    DurationMin = request.DurationMin,
                    ExpiresAt = request.ExpiresAt?.UtcDateTime,
                    Reason = Text(request.Reason),
                    RequestedBy = Text(request.RequestedBy),
                });
                break;
            case LogKinds.Autonomy:
                var change = Deserialize(record, LogJson.Default.AutonomyBody);
                Events.Add(new EventRow
                {
                    LogPosition = record.Position,
                    At = record.Time.UtcDateTime,
                    Kind = record.Kind,
                    AutonomyFrom = change.From,
                    AutonomyTo = change.To,
                    RequestedBy = Text(change.RequestedBy),
                });
                break;
        }
    }

    private static T Deserialize<T>(StoredRecord record, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type) =>
        JsonSerializer.Deserialize(record.Body, type) ?? throw new JsonException("the body is null");

    private void AddBlock(StoredRecord record, BlockBody block)
    {
        Blocks.Add(new BlockRow
        {
            LogPosition = record.Position,
            BlockId = block.BlockId,
            WindowStart = block.WindowStart.UtcDateTime,
            WindowEnd = block.WindowEnd.UtcDateTime,
            DeviceCount = block.Devices.IsDefault ? 0 : block.Devices.Length,
            DecisionCount = block.Decisions.IsDefault ? 0 : block.Decisions.Length,
            ConfigHash = block.ConfigHash,
        });
        foreach (var device in block.Devices.IsDefault ? [] : block.Devices)
        {
            foreach (var signal in device.Signals.IsDefault ? [] : device.Signals)
            {
                BlockSignals.Add(new BlockSignalRow
                {
                    BlockId = block.BlockId,
                    WindowEnd = block.WindowEnd.UtcDateTime,
                    Device = Id(device.DeviceId),
                    Signal = SignalInfo.Name(signal.Signal),
                    Count = signal.Count,
                    Mean = signal.Mean,
                    Max = signal.Max,
                    Last = signal.Last,
                    LastAt = signal.LastAt.UtcDateTime,
                    LateSamples = device.LateSamples,
                });
            }
        }
    }

    private DecisionRow DecisionOf(StoredRecord record, DecisionRecord decision) => new()
    {
        LogPosition = record.Position,
        DecidedAt = decision.DecidedAt.UtcDateTime,
        BlockId = decision.BlockId,
        Miner = Id(decision.MinerId),
        DecisionCode = decision.DecisionCode,
        Action = decision.Action,
        Mode = decision.Mode,
        Trigger = decision.Trigger,
        ParamsJson = JsonObject((decision.Params ?? []).Select(p => (p.Key, p.Value))),
        InputsJson = decision.Inputs is { } inputs ? JsonObject((inputs.Signals ?? []).Select(s => (s.Key, (double?)s.Value))) : null,
        Rejected = string.Join(',', decision.Rejected.IsDefault ? [] : decision.Rejected),
        Missing = string.Join(',', decision.Missing.IsDefault ? [] : decision.Missing),
        OverruledOverride = decision.OverruledOverride,
        HeldBackProposal = decision.HeldBackProposal,
        ConfigHash = decision.ConfigHash,
        Summary = Text(decision.Summary),
    };

    /// <summary>A flat JSON object with keys in ordinal order (so the same decision always gives the same text); NaN and ±∞ as null.</summary>
    private static string JsonObject(IEnumerable<(string Key, double? Value)> values)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            foreach (var (key, value) in values.OrderBy(v => v.Key, StringComparer.Ordinal))
            {
                if (value is { } v && double.IsFinite(v))
                {
                    json.WriteNumber(key, v);
                }
                else
                {
                    json.WriteNull(key);
                }
            }
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
