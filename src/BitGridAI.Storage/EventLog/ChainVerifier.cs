using SQLitePCL;

namespace BitGridAI.Storage.EventLog;

/// <summary>The first record that does not belong to the chain, and why.</summary>
public sealed record ChainBreak(long Position, string Reason);

/// <summary>What a verification found: how many records it checked, the head, and the first break (null: the chain holds).</summary>
public sealed record ChainReport(long Records, long HeadPosition, string HeadHash, int ArchivedSegments, ChainBreak? FirstBreak, IReadOnlyList<string> Notes)
{
    public bool Intact => FirstBreak is null;
}

/// <summary>
/// Recomputes the chain from its start: archived segments first (their files in <c>archive/</c>), then the live
/// file. Each record must sit at the next position, carry the previous record's hash, and hash to what it stores;
/// a segment must end at the head kept for it. Reads only — the triggers may be gone, the file may be edited.
/// </summary>
public static class ChainVerifier
{
    public static ChainReport Verify(EventLogStore store)
    {
        var notes = new List<string>();
        var checkedRecords = 0L;
        var position = 0L;
        byte[] hash = ChainHash.Genesis.ToArray();
        // One read transaction: archive list and live rows from the same moment, while retention may be moving a segment.
        using var connection = store.Database.Open();
        using var snapshot = connection.BeginTransaction(deferred: true);
        var segments = ArchivedSegments.List(connection);
        foreach (var segment in segments)
        {
            var file = Path.Combine(store.DataDir, segment.File);
            if (!File.Exists(file))
            {
                // Moved off the box by its owner: the chain continues from the head kept for the segment.
                notes.Add($"segment {segment.Segment} (positions {segment.FirstPosition}–{segment.LastPosition}) was archived to {segment.File}, which is not here: the chain is checked from its head");
                position = segment.LastPosition;
                hash = segment.HeadHash;
                continue;
            }
            List<StoredRecord> records;
            try
            {
                records = SegmentFile.Read(File.ReadAllBytes(file)).Records;
            }
            catch (FormatException e)
            {
                return Broken(segment.FirstPosition, $"archived segment {segment.File}: {e.Message}");
            }
            if (Follow(records, ref position, ref hash, ref checkedRecords) is { } broken)
            {
                return Broken(broken.Position, $"{broken.Reason} (archived segment {segment.File})");
            }
            if (position != segment.LastPosition || !hash.AsSpan().SequenceEqual(segment.HeadHash))
            {
                return Broken(segment.LastPosition, $"archived segment {segment.File} does not end at the head kept for it");
            }
        }
        // The live file, read as the bytes SQLite stores (TEXT is UTF-8), straight from SQLite's own buffers: no
        // strings, no copies — this pass runs over every record of years of log.
        using var hasher = new ChainHash();
        hash = hash.ToArray(); // overwritten per record below; never an archived segment's own head
        if (raw.sqlite3_prepare_v2(connection.Handle, "SELECT position, kind, site_id, at, dedup_key, body, prev_hash, hash FROM event_log ORDER BY position;", out var statement) != raw.SQLITE_OK)
        {
            throw new StorageException($"cannot read the event log {store.Database.Path}: {raw.sqlite3_errmsg(connection.Handle).utf8_to_string()}");
        }
        using (statement)
        {
            var computed = new byte[ChainHash.Size];
            int step;
            while ((step = raw.sqlite3_step(statement)) == raw.SQLITE_ROW)
            {
                var at = raw.sqlite3_column_int64(statement, 0);
                if (at != position + 1)
                {
                    return Broken(at, at <= position
                        ? $"record {at} repeats or goes back (previous {position})"
                        : $"records {position + 1}–{at - 1} are missing");
                }
                if (WrongType(statement) is { } field)
                {
                    // A changed type hides a record from every query by kind or time while its bytes still hash the same.
                    return Broken(at, $"its {field} has the wrong type (the record was changed)");
                }
                if (!raw.sqlite3_column_blob(statement, 6).SequenceEqual(hash))
                {
                    return Broken(at, PrevHashMismatch);
                }
                hasher.Begin(hash, at);
                for (var column = 1; column <= 5; column++)
                {
                    hasher.Field(raw.sqlite3_column_blob(statement, column), present: raw.sqlite3_column_type(statement, column) != raw.SQLITE_NULL);
                }
                hasher.Finish(computed);
                var own = raw.sqlite3_column_blob(statement, 7);
                if (!own.SequenceEqual(computed))
                {
                    return Broken(at, ContentMismatch);
                }
                own.CopyTo(hash);
                position = at;
                checkedRecords++;
            }
            if (step != raw.SQLITE_DONE)
            {
                throw new StorageException($"cannot read the event log {store.Database.Path}: {raw.sqlite3_errmsg(connection.Handle).utf8_to_string()}");
            }
        }
        return new ChainReport(checkedRecords, position, Convert.ToHexStringLower(hash), segments.Count, null, notes);

        ChainReport Broken(long at, string reason) =>
            new(checkedRecords, position, Convert.ToHexStringLower(hash), segments.Count, new ChainBreak(at, reason), notes);
    }

    /// <summary>
    /// Recomputes a chain given as its records in position order from the first (a site's chain in PostgreSQL): each
    /// must sit at the next position, carry the previous record's hash (<see cref="ChainHash.Genesis"/> before the
    /// first) and hash to what it stores.
    /// </summary>
    public static ChainReport Verify(IEnumerable<StoredRecord> records)
    {
        var checkedRecords = 0L;
        var position = 0L;
        var hash = ChainHash.Genesis.ToArray();
        var broken = Follow(records, ref position, ref hash, ref checkedRecords);
        return new ChainReport(checkedRecords, position, Convert.ToHexStringLower(hash), 0, broken, []);
    }

    /// <summary>Follows <paramref name="records"/> from <paramref name="position"/> and <paramref name="hash"/>, moving both and the count along; the first break, or null.</summary>
    private static ChainBreak? Follow(IEnumerable<StoredRecord> records, ref long position, ref byte[] hash, ref long checkedRecords)
    {
        foreach (var record in records)
        {
            if (Check(record, position, hash) is { } reason)
            {
                return new ChainBreak(record.Position, reason);
            }
            position = record.Position;
            hash = record.Hash;
            checkedRecords++;
        }
        return null;
    }

    /// <summary>Why <paramref name="record"/> does not follow a record at <paramref name="position"/> with <paramref name="hash"/>, or null.</summary>
    private static string? Check(StoredRecord record, long position, byte[] hash)
    {
        if (record.Position != position + 1)
        {
            return record.Position <= position
                ? $"record {record.Position} repeats or goes back (previous {position})"
                : $"records {position + 1}–{record.Position - 1} are missing";
        }
        if (!record.PrevHash.AsSpan().SequenceEqual(hash))
        {
            return PrevHashMismatch;
        }
        if (!record.ExpectedHash().AsSpan().SequenceEqual(record.Hash))
        {
            return ContentMismatch;
        }
        return null;
    }

    private static readonly string[] Columns = ["position", "kind", "site_id", "at", "dedup_key", "body", "prev_hash", "hash"];

    /// <summary>The first field not stored as the log writes it (TEXT, the dedup key TEXT or NULL, hashes BLOB), or null.</summary>
    private static string? WrongType(sqlite3_stmt statement)
    {
        for (var column = 1; column < Columns.Length; column++)
        {
            var type = raw.sqlite3_column_type(statement, column);
            var expected = column >= 6 ? type == raw.SQLITE_BLOB : type == raw.SQLITE_TEXT || (column == 4 && type == raw.SQLITE_NULL);
            if (!expected)
            {
                return Columns[column];
            }
        }
        return null;
    }

    private const string PrevHashMismatch = "its previous-hash does not match the record before it (a record was changed, removed or inserted)";
    private const string ContentMismatch = "its content does not match its hash (the record was changed)";

}
