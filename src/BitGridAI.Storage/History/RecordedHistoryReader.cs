using System.Text.Json;
using BitGridAI.Domain.Decisions;
using BitGridAI.Domain.History;
using BitGridAI.Domain.Signals;
using BitGridAI.Domain.Time;
using BitGridAI.Grains.Abstractions.Messages;
using BitGridAI.Grains.Abstractions.Recording;
using BitGridAI.Storage.EventLog;
using BitGridAI.Storage.Postgres;

namespace BitGridAI.Storage.History;

/// <summary>
/// Reads a range of a site's event log — archived segments, then the live file; or a site's chain in PostgreSQL — into the in-memory blocks that
/// KPIs and history replay run over. A record that cannot be used (an unreadable body, an unknown code, a decision
/// whose configuration the log lacks) is skipped and counted with its reason, never a crash.
/// </summary>
public sealed class RecordedHistoryReader
{
    private static readonly string[] RangeKinds = [LogKinds.Block, LogKinds.Decision, LogKinds.Safety, LogKinds.Override];

    private readonly Dictionary<string, int> _slots = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HistoryConfig?> _configs = new(StringComparer.Ordinal);
    private readonly SortedDictionary<long, BlockParts> _blocks = [];
    private readonly Dictionary<string, int> _skipped = new(StringComparer.Ordinal);

    /// <summary>A log's records of <paramref name="kinds"/> whose time lies in [<paramref name="from"/>, <paramref name="to"/>) (null: open), oldest first.</summary>
    public delegate IEnumerable<StoredRecord> RecordSource(IReadOnlyCollection<string> kinds, DateTimeOffset? from, DateTimeOffset? to);

    /// <summary>The records in [<paramref name="from"/>, <paramref name="to"/>) (by their time; null = open), with every configuration version.</summary>
    public static RecordedHistory Load(EventLogStore store, DateTimeOffset? from = null, DateTimeOffset? to = null)
    {
        var reader = new RecordedHistoryReader();
        return reader.Read(
            (kinds, first, end) => Archived(store, reader).Where(r => kinds.Contains(r.Kind) && InRange(r, first, end)).Concat(store.Read(kinds, first, end)),
            from, to);
    }

    /// <summary>
    /// One site's records in PostgreSQL (cluster mode) in [<paramref name="from"/>, <paramref name="to"/>), with every
    /// configuration version of the site: the same history, and so the same KPIs, as from that site's records in SQLite.
    /// </summary>
    public static RecordedHistory Load(PostgresEventLog log, string siteId, DateTimeOffset? from = null, DateTimeOffset? to = null) =>
        Load((kinds, first, end) => log.Read(siteId, kinds, first, end), from, to);

    /// <summary>The records <paramref name="source"/> gives for [<paramref name="from"/>, <paramref name="to"/>), with every configuration version it holds.</summary>
    public static RecordedHistory Load(RecordSource source, DateTimeOffset? from = null, DateTimeOffset? to = null) =>
        new RecordedHistoryReader().Read(source, from, to);

    private RecordedHistory Read(RecordSource source, DateTimeOffset? from, DateTimeOffset? to)
    {
        foreach (var record in source([LogKinds.Config], null, null))
        {
            AddConfig(record);
        }
        foreach (var record in source(RangeKinds, from, to))
        {
            Add(record);
        }
        return Build();
    }

    /// <summary>Archived records, oldest first; a segment file that is gone or unreadable is skipped and counted.</summary>
    private static IEnumerable<StoredRecord> Archived(EventLogStore store, RecordedHistoryReader reader)
    {
        foreach (var segment in ArchivedSegments.List(store))
        {
            List<StoredRecord> records;
            try
            {
                records = SegmentFile.Read(File.ReadAllBytes(Path.Combine(store.DataDir, segment.File))).Records;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
            {
                reader.Skip($"archived segment {segment.File} unreadable");
                continue;
            }
            foreach (var record in records)
            {
                yield return record;
            }
        }
    }

    private static bool InRange(StoredRecord record, DateTimeOffset? from, DateTimeOffset? to) =>
        (from is null || string.CompareOrdinal(record.At, LogTime.Format(from.Value)) >= 0)
        && (to is null || string.CompareOrdinal(record.At, LogTime.Format(to.Value)) < 0);

    private void Skip(string reason) => _skipped[reason] = _skipped.GetValueOrDefault(reason) + 1;

    private void AddConfig(StoredRecord record)
    {
        var hash = HistoryConfigJson.HashOf(record.Body);
        if (_configs.ContainsKey(hash))
        {
            return;
        }
        try
        {
            _configs[hash] = HistoryConfigJson.Read(record.Body, _slots);
        }
        catch (FormatException)
        {
            _configs[hash] = null;
            Skip("config record unreadable");
        }
    }

    private void Add(StoredRecord record)
    {
        try
        {
            switch (record.Kind)
            {
                case LogKinds.Block:
                    AddBlock(JsonSerializer.Deserialize(record.Body, LogJson.Default.BlockBody));
                    break;
                case LogKinds.Decision:
                    AddDecision(JsonSerializer.Deserialize(record.Body, LogJson.Default.DecisionRecord));
                    break;
                case LogKinds.Safety:
                    AddSafetyStop(JsonSerializer.Deserialize(record.Body, LogJson.Default.DecisionRecord));
                    break;
                case LogKinds.Override:
                    AddOverride(record, JsonSerializer.Deserialize(record.Body, LogJson.Default.OverrideBody));
                    break;
            }
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or InvalidOperationException or ArgumentException or FormatException)
        {
            Skip($"{record.Kind} record unreadable");
        }
    }

    private BlockParts Parts(long blockIndex)
    {
        if (!_blocks.TryGetValue(blockIndex, out var parts))
        {
            parts = new BlockParts();
            _blocks[blockIndex] = parts;
        }
        return parts;
    }

    private void AddBlock(BlockBody? body)
    {
        if (body is null || body.Devices.IsDefault || !TryBlockIndex(body.BlockId, out var index))
        {
            Skip("block record unreadable");
            return;
        }
        var parts = Parts(index);
        if (parts.Body is not null)
        {
            Skip("block recorded twice");
            return;
        }
        parts.Body = body;
    }

    private void AddDecision(DecisionRecord? decision)
    {
        if (decision is null || decision.DecisionCode is null || decision.MinerId is null || !TryBlockIndex(decision.BlockId, out var index))
        {
            Skip("decision record unreadable");
            return;
        }
        if (decision.Trigger != "BLOCK_TICK")
        {
            Skip($"{decision.Trigger ?? "untriggered"} decision (not a block tick)");
            return;
        }
        var inputs = decision.Inputs;
        if (inputs is null || inputs.Signals is null || inputs.Rejected.IsDefault)
        {
            Skip("block tick decision without inputs");
            return;
        }
        if (!DecisionCodes.TryParse(decision.DecisionCode, out var code))
        {
            Skip("decision with an unknown code");
            return;
        }
        if (decision.ConfigHash is not { } hash || _configs.GetValueOrDefault(hash) is not { } config)
        {
            Skip("decision whose configuration the log lacks");
            return;
        }
        var miner = -1;
        for (var i = 0; i < config.Miners.Count; i++)
        {
            if (config.Miners[i].Id == decision.MinerId)
            {
                miner = i;
            }
        }
        if (miner < 0)
        {
            Skip("decision for a miner its configuration lacks");
            return;
        }
        var parts = Parts(index);
        if (parts.Config is { } other && !ReferenceEquals(other, config))
        {
            Skip("decision under another configuration than its block's");
            return;
        }
        if (parts.Decisions.Any(d => d.Miner == miner))
        {
            Skip("second block tick decision for a miner");
            return;
        }
        parts.Config = config;
        var latency = (decision.DecidedAt - BlockClock.StartOf(index)).TotalSeconds;
        parts.Decisions.Add(new RecordedDecision(miner, code, inputs.ToState(), inputs.ToContext(), latency));
    }

    private void AddSafetyStop(DecisionRecord? stop)
    {
        if (stop is null || stop.DecisionCode is null || !DecisionCodes.TryParse(stop.DecisionCode, out var code))
        {
            Skip("safety record unreadable");
            return;
        }
        var slot = stop.MinerId is { } id && _slots.TryGetValue(id, out var s) ? s : -1;
        Parts(BlockClock.IndexOf(stop.DecidedAt)).Events.Add(new RecordedEvent(RecordedEventKind.SafetyStop, code, slot));
    }

    private void AddOverride(StoredRecord record, OverrideBody? body)
    {
        if (body is null)
        {
            Skip("override record unreadable");
            return;
        }
        var kind = body.Accepted ? RecordedEventKind.OverrideAccepted : RecordedEventKind.OverrideRefused;
        Parts(BlockClock.IndexOf(record.Time)).Events.Add(new RecordedEvent(kind, DecisionCode.Unknown, -1));
    }

    private static bool TryBlockIndex(string? blockId, out long index)
    {
        index = 0;
        if (blockId is null || !DateTimeOffset.TryParse(blockId, System.Globalization.CultureInfo.InvariantCulture,
                System.Globalization.DateTimeStyles.AssumeUniversal, out var start))
        {
            return false;
        }
        index = BlockClock.IndexOf(start);
        return true;
    }

    private RecordedHistory Build()
    {
        var blocks = new List<RecordedBlock>(_blocks.Count);
        foreach (var (index, parts) in _blocks)
        {
            var config = parts.Config ?? (parts.Body?.ConfigHash is { } hash ? _configs.GetValueOrDefault(hash) : null);
            var minerPower = new double[config?.Miners.Count ?? 0];
            var site = Means(parts.Body, config, minerPower);
            parts.Decisions.Sort((a, b) => a.Miner.CompareTo(b.Miner));
            blocks.Add(new RecordedBlock(index, config, site, minerPower, [.. parts.Decisions], [.. parts.Events]));
        }
        var ids = new string[_slots.Count];
        foreach (var (id, slot) in _slots)
        {
            ids[slot] = id;
        }
        var reasons = _skipped.OrderByDescending(r => r.Value).Select(r => $"{r.Value} × {r.Key}").ToList();
        return new RecordedHistory(blocks, ids, _skipped.Values.Sum()) { SkipReasons = reasons };
    }

    /// <summary>
    /// The meters' means (summed over the devices that saw a signal; the SoC is its last value) and each configured
    /// miner's mean draw from its own device window. No window of a signal: missing.
    /// </summary>
    private static SiteMeans Means(BlockBody? body, HistoryConfig? config, double[] minerPowerW)
    {
        Array.Fill(minerPowerW, double.NaN);
        if (body is null)
        {
            return SiteMeans.Missing;
        }
        var site = SiteMeans.Missing;
        foreach (var device in body.Devices)
        {
            if (device is null || device.Signals.IsDefault)
            {
                continue;
            }
            var miner = -1;
            for (var i = 0; config is not null && i < config.Miners.Count; i++)
            {
                if (config.Miners[i].Id == device.DeviceId)
                {
                    miner = i;
                }
            }
            foreach (var window in device.Signals)
            {
                if (window is null || window.Count <= 0 || !double.IsFinite(window.Mean))
                {
                    continue;
                }
                if (miner >= 0)
                {
                    if (window.Signal == Signal.MinerPowerW)
                    {
                        minerPowerW[miner] = Add(minerPowerW[miner], window.Mean);
                    }
                    continue;
                }
                switch (window.Signal)
                {
                    case Signal.PvPowerW: site.PvW = Add(site.PvW, window.Mean); break;
                    case Signal.HouseLoadW: site.HouseLoadW = Add(site.HouseLoadW, window.Mean); break;
                    case Signal.GridImportW: site.GridImportW = Add(site.GridImportW, window.Mean); break;
                    case Signal.GridExportW: site.GridExportW = Add(site.GridExportW, window.Mean); break;
                    case Signal.BatteryPowerW: site.BatteryPowerW = Add(site.BatteryPowerW, window.Mean); break;
                    case Signal.BatterySocPct when double.IsNaN(site.SocPct) && double.IsFinite(window.Last): site.SocPct = window.Last; break;
                }
            }
        }
        return site;
    }

    private static double Add(double sum, double value) => double.IsNaN(sum) ? value : sum + value;

    private sealed class BlockParts
    {
        public BlockBody? Body;
        public HistoryConfig? Config;
        public readonly List<RecordedDecision> Decisions = [];
        public readonly List<RecordedEvent> Events = [];
    }
}
