using BitGridAI.Domain.History;
using BitGridAI.Storage.EventLog;
using BitGridAI.Storage.History;
using BitGridAI.Storage.Postgres;

namespace BitGridAI.Silo.Hosting;

/// <summary>
/// The recorded history the KPIs are computed from, for the site this silo's API serves: the site's chain in
/// PostgreSQL in cluster mode (its recorder may have written from any silo), else this silo's <c>events.db</c>
/// with its archived segments.
/// </summary>
internal sealed class SiteHistory
{
    private readonly Func<DateTimeOffset?, DateTimeOffset?, RecordedHistory> _load;

    private SiteHistory(Func<DateTimeOffset?, DateTimeOffset?, RecordedHistory> load, bool inCluster)
    {
        _load = load;
        InCluster = inCluster;
    }

    /// <summary>True when the history is the cluster's (PostgreSQL), not this silo's file.</summary>
    public bool InCluster { get; }

    public static SiteHistory Of(EventLogStore store) => new((from, to) => RecordedHistoryReader.Load(store, from, to), inCluster: false);

    public static SiteHistory Of(PostgresEventLog log, string siteId) => new((from, to) => RecordedHistoryReader.Load(log, siteId, from, to), inCluster: true);

    public RecordedHistory Load(DateTimeOffset? from, DateTimeOffset? to) => _load(from, to);
}
