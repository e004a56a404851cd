using BitGridAI.Grains.Abstractions.Messages;

namespace BitGridAI.Grains.Abstractions.Ports;

/// <summary>The append-only log of decisions, owned by the recorder grain; SQLite in the silo.</summary>
public interface IEventLog
{
    /// <summary>Appends a decision; false when the log already holds it (same site, miner, block, trigger and code).</summary>
    ValueTask<bool> AppendAsync(DecisionRecord decision, CancellationToken cancellationToken);

    /// <summary>The most recent decisions of a site, oldest first.</summary>
    ValueTask<IReadOnlyList<DecisionRecord>> RecentAsync(string siteId, int count, CancellationToken cancellationToken);

    ValueTask<long> CountAsync(string siteId, CancellationToken cancellationToken);
}
