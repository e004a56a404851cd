using BitGridAI.Grains.Abstractions.Messages;
using BitGridAI.Grains.Abstractions.Recording;

namespace BitGridAI.Grains.Abstractions.Ports;

/// <summary>The append-only, hash-chained event log, owned by the recorder grain; SQLite in the silo.</summary>
public interface IEventLog
{
    /// <summary>
    /// Appends the entries in order, all or none; per entry, whether it is new (false: the log already holds its
    /// dedup key). Throws when the log cannot be written (full disk, read-only file): nothing of the batch is kept.
    /// </summary>
    ValueTask<IReadOnlyList<bool>> AppendAsync(IReadOnlyList<LogEntry> entries, CancellationToken cancellationToken);

    /// <summary>The most recent decisions of a site (block, override and safety), oldest first.</summary>
    ValueTask<IReadOnlyList<DecisionRecord>> RecentAsync(string siteId, int count, CancellationToken cancellationToken);

    /// <summary>How many decisions of a site the log holds.</summary>
    ValueTask<long> CountAsync(string siteId, CancellationToken cancellationToken);
}
