using BitGridAI.Storage.EventLog;

namespace BitGridAI.Storage.Export;

/// <summary>
/// The records an export reads: archived segments still in <c>archive/</c> first, then the live file — so an
/// export covers what retention moved out of <c>events.db</c> as well.
/// </summary>
public static class ExportSource
{
    public static IEnumerable<StoredRecord> Records(EventLogStore store, IReadOnlyCollection<string> kinds, DateTimeOffset from, DateTimeOffset to)
    {
        var fromText = LogTime.Format(from);
        var toText = LogTime.Format(to);
        foreach (var segment in ArchivedSegments.List(store))
        {
            var file = Path.Combine(store.DataDir, segment.File);
            if (!File.Exists(file))
            {
                continue;
            }
            foreach (var record in ReadArchived(segment, file))
            {
                // LogTime's text order is time order, so the same comparison as the live file's query.
                if (kinds.Contains(record.Kind) && string.CompareOrdinal(record.At, fromText) >= 0 && string.CompareOrdinal(record.At, toText) < 0)
                {
                    yield return record;
                }
            }
        }
        foreach (var record in store.Read(kinds, from, to))
        {
            yield return record;
        }
    }

    /// <summary>The time of the log's first record (archived or live), or null for an empty log.</summary>
    public static DateTimeOffset? Start(EventLogStore store)
    {
        foreach (var segment in ArchivedSegments.List(store))
        {
            var file = Path.Combine(store.DataDir, segment.File);
            if (File.Exists(file))
            {
                return ReadArchived(segment, file).FirstOrDefault()?.Time;
            }
        }
        return store.Read(1).FirstOrDefault()?.Time;
    }

    private static List<StoredRecord> ReadArchived(ArchivedSegment segment, string file)
    {
        try
        {
            return SegmentFile.Read(File.ReadAllBytes(file)).Records;
        }
        catch (FormatException e)
        {
            throw new StorageException($"archived segment {segment.File} cannot be read ({e.Message}); run verify-log", e);
        }
    }
}
