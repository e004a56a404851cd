using System.Text;
using System.Text.Json;

namespace BitGridAI.Storage.EventLog;

/// <summary>
/// A closed segment of the chain as a file: a header line (format, segment number, positions, the hash it continues
/// from and its head), then one JSON line per record with every stored field and both hashes in hex. Retention
/// archives segments in this form and the mirror encrypts it; <see cref="ChainVerifier"/> checks it like the live log.
/// </summary>
public static class SegmentFile
{
    public const string Format = "bitgrid-log-segment/1";

    public static string NameOf(long segment) => $"segment-{segment:D8}.jsonl";

    /// <summary>The segment a position belongs to (1-based) when segments hold <paramref name="segmentRecords"/> records.</summary>
    public static long SegmentOf(long position, int segmentRecords) => ((position - 1) / segmentRecords) + 1;

    public static byte[] Write(long segment, IReadOnlyList<StoredRecord> records)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            json.WriteStartObject();
            json.WriteString("format", Format);
            json.WriteNumber("segment", segment);
            json.WriteNumber("first", records[0].Position);
            json.WriteNumber("last", records[^1].Position);
            json.WriteString("prev_hash", Convert.ToHexStringLower(records[0].PrevHash));
            json.WriteString("head_hash", Convert.ToHexStringLower(records[^1].Hash));
            json.WriteEndObject();
        }
        stream.WriteByte((byte)'\n');
        foreach (var record in records)
        {
            using (var json = new Utf8JsonWriter(stream))
            {
                json.WriteStartObject();
                json.WriteNumber("position", record.Position);
                json.WriteString("kind", record.Kind);
                json.WriteString("site_id", record.SiteId);
                json.WriteString("at", record.At);
                if (record.DedupKey is { } key)
                {
                    json.WriteString("dedup_key", key);
                }
                json.WriteString("body", record.Body);
                json.WriteString("prev_hash", Convert.ToHexStringLower(record.PrevHash));
                json.WriteString("hash", Convert.ToHexStringLower(record.Hash));
                json.WriteEndObject();
            }
            stream.WriteByte((byte)'\n');
        }
        return stream.ToArray();
    }

    /// <summary>Reads a segment's records; a file that is not a segment fails with a message naming what is wrong.</summary>
    public static (long Segment, string HeadHash, List<StoredRecord> Records) Read(byte[] content)
    {
        var lines = Encoding.UTF8.GetString(content).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        if (lines.Length == 0)
        {
            throw new FormatException("the segment file is empty");
        }
        try
        {
            using var header = JsonDocument.Parse(lines[0]);
            if (header.RootElement.GetProperty("format").GetString() != Format)
            {
                throw new FormatException($"not a {Format} file");
            }
            var segment = header.RootElement.GetProperty("segment").GetInt64();
            var head = header.RootElement.GetProperty("head_hash").GetString() ?? "";
            var records = new List<StoredRecord>(lines.Length - 1);
            for (var i = 1; i < lines.Length; i++)
            {
                using var line = JsonDocument.Parse(lines[i]);
                var r = line.RootElement;
                records.Add(new StoredRecord(
                    r.GetProperty("position").GetInt64(),
                    r.GetProperty("kind").GetString() ?? "",
                    r.GetProperty("site_id").GetString() ?? "",
                    r.GetProperty("at").GetString() ?? "",
                    r.TryGetProperty("dedup_key", out var key) ? key.GetString() : null,
                    r.GetProperty("body").GetString() ?? "",
                    Convert.FromHexString(r.GetProperty("prev_hash").GetString() ?? ""),
                    Convert.FromHexString(r.GetProperty("hash").GetString() ?? "")));
            }
            return (segment, head, records);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new FormatException($"not a readable segment file: {e.Message}", e);
        }
    }
}
