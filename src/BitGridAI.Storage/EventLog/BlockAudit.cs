using System.Globalization;
using System.Text.Json;
using BitGridAI.Domain.Time;
using BitGridAI.Grains.Abstractions.Recording;

namespace BitGridAI.Storage.EventLog;

/// <summary>
/// Whether a site's blocks were each decided exactly once: from its log records, the blocks between the first and the
/// last that have no record (missing), and blocks or block decisions recorded more than once (duplicate: a second
/// block record, or two block-tick decisions of one miner in one block — what two silos deciding the same block
/// would leave).
/// </summary>
public static class BlockAudit
{
    public static BlockAuditResult Of(string siteId, IEnumerable<StoredRecord> records)
    {
        var blocks = new Dictionary<long, int>();
        var decisions = new Dictionary<(string Block, string Miner), int>();
        foreach (var record in records)
        {
            if (record.Kind == LogKinds.Block && LogJson.ReadBlock(record.Body) is { } block
                && DateTimeOffset.TryParse(block.BlockId, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var start))
            {
                var index = BlockClock.IndexOf(start);
                blocks[index] = blocks.GetValueOrDefault(index) + 1;
            }
            else if (record.Kind == LogKinds.Decision && Decision(record.Body) is { Trigger: "BLOCK_TICK" } decision)
            {
                var key = (decision.BlockId, decision.MinerId);
                decisions[key] = decisions.GetValueOrDefault(key) + 1;
            }
        }
        if (blocks.Count == 0)
        {
            return new BlockAuditResult(siteId, 0, 0, decisions.Values.Sum(c => c - 1), null, null);
        }
        var (first, last) = (blocks.Keys.Min(), blocks.Keys.Max());
        return new BlockAuditResult(
            siteId,
            blocks.Count,
            (int)(last - first + 1 - blocks.Count),
            blocks.Values.Sum(c => c - 1) + decisions.Values.Sum(c => c - 1),
            BlockClock.IdOf(first),
            BlockClock.IdOf(last));
    }

    private static Grains.Abstractions.Messages.DecisionRecord? Decision(string body)
    {
        try
        {
            return JsonSerializer.Deserialize(body, LogJson.Default.DecisionRecord);
        }
        catch (JsonException)
        {
            return null; // a record the chain check reports; not a decision to count
        }
    }
}

/// <summary>A site's blocks: how many were recorded, how many between the first and the last are missing, how many were recorded twice.</summary>
public sealed record BlockAuditResult(string SiteId, int Blocks, int Missing, int Duplicate, string? FirstBlock, string? LastBlock);
