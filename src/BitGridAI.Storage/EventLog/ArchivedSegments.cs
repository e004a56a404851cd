namespace BitGridAI.Storage.EventLog;

/// <summary>A segment retention moved out of the live file: where its records went and the head the chain continues from.</summary>
public sealed record ArchivedSegment(long Segment, long FirstPosition, long LastPosition, byte[] HeadHash, string File, string ArchivedAt);

/// <summary>
/// Retention: closed segments (every position of the segment written) older than the retention period are written
/// to <c>archive/segment-NNNNNNNN.jsonl</c> (to a temporary name, flushed, then renamed), their head is kept in
/// <c>archived_segment</c>, and only then are their rows deleted — in one transaction the triggers allow because the
/// head is already kept. The chain therefore verifies across archive files and the live file alike.
/// </summary>
public static class ArchivedSegments
{
    public const string Directory = "archive";

    public static IReadOnlyList<ArchivedSegment> List(EventLogStore store)
    {
        using var connection = store.Database.Open();
        return List(connection);
    }

    public static IReadOnlyList<ArchivedSegment> List(Microsoft.Data.Sqlite.SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT segment, first_position, last_position, head_hash, file, archived_at FROM archived_segment ORDER BY segment;";
        using var reader = command.ExecuteReader();
        var segments = new List<ArchivedSegment>();
        while (reader.Read())
        {
            segments.Add(new ArchivedSegment(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2),
                reader.GetValue(3) as byte[] ?? [], reader.GetString(4), reader.GetString(5)));
        }
        return segments;
    }

    /// <summary>
    /// The closed segments still in the live file whose last record is older than <paramref name="olderThan"/>,
    /// oldest first; the segment holding the head is never closed.
    /// </summary>
    public static IEnumerable<(long Segment, List<StoredRecord> Records)> Closed(EventLogStore store, int segmentRecords, DateTimeOffset? olderThan = null)
    {
        var (head, _) = store.Head();
        var segments = List(store);
        var archived = segments.Count > 0 ? segments[^1].LastPosition : 0;
        var segment = SegmentFile.SegmentOf(archived + 1, segmentRecords);
        while ((segment * segmentRecords) < head)
        {
            var first = ((segment - 1) * segmentRecords) + 1;
            var records = store.Read(first, segment * segmentRecords).ToList();
            if (records.Count != segmentRecords || (olderThan is { } limit && records[^1].Time >= limit))
            {
                yield break;
            }
            yield return (segment, records);
            segment++;
        }
    }

    /// <summary>Archives every closed segment older than <paramref name="olderThan"/>; returns how many it archived.</summary>
    public static int Archive(EventLogStore store, int segmentRecords, DateTimeOffset olderThan, TimeProvider time)
    {
        var count = 0;
        foreach (var (segment, records) in Closed(store, segmentRecords, olderThan).ToList())
        {
            var relative = Path.Combine(Directory, SegmentFile.NameOf(segment));
            var path = Path.Combine(store.DataDir, relative);
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            if (File.Exists(path))
            {
                // Never overwrite an archive: segments numbered differently (EventLog:SegmentRecords changed) would
                // replace records that are no longer anywhere else.
                throw new StorageException($"{path} exists already: was EventLog:SegmentRecords changed? Archiving stops until it is set back to the size the archive was written with");
            }
            AtomicFile.Write(path, SegmentFile.Write(segment, records));
            using var connection = store.Database.Open();
            using var transaction = connection.BeginTransaction(deferred: false);
            using (var keep = connection.CreateCommand())
            {
                keep.CommandText = """
                    INSERT INTO archived_segment (segment, first_position, last_position, head_hash, file, archived_at)
                    VALUES ($segment, $first, $last, $head, $file, $at);
                    """;
                keep.Parameters.AddWithValue("$segment", segment);
                keep.Parameters.AddWithValue("$first", records[0].Position);
                keep.Parameters.AddWithValue("$last", records[^1].Position);
                keep.Parameters.AddWithValue("$head", records[^1].Hash);
                keep.Parameters.AddWithValue("$file", relative);
                keep.Parameters.AddWithValue("$at", LogTime.Format(time.GetUtcNow()));
                keep.ExecuteNonQuery();
            }
            using (var delete = connection.CreateCommand())
            {
                delete.CommandText = "DELETE FROM event_log WHERE position BETWEEN $first AND $last;";
                delete.Parameters.AddWithValue("$first", records[0].Position);
                delete.Parameters.AddWithValue("$last", records[^1].Position);
                delete.ExecuteNonQuery();
            }
            transaction.Commit();
            count++;
        }
        return count;
    }
}
