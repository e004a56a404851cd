using System.Collections.Immutable;
using BitGridAI.Grains.Abstractions.Messages;
using BitGridAI.Grains.Abstractions.Recording;
using Orleans.Concurrency;

namespace BitGridAI.Grains.Abstractions.Site;

/// <summary>
/// Appends everything that happens at a site to its hash-chained event log (key: site id): an implicit subscriber
/// of the decision stream (decisions, safety stops, each closed block), and the grains' recipient for overrides,
/// autonomy changes and the research toggle.
/// </summary>
public interface IRecorderGrain : IGrainWithStringKey
{
    /// <summary>The most recent recorded decisions, oldest first.</summary>
    Task<ImmutableArray<DecisionRecord>> GetRecentAsync(int count);

    /// <summary>How many decisions this site has recorded.</summary>
    Task<long> GetCountAsync();

    /// <summary>
    /// Appends an event (override request, autonomy change, research toggle). Never fails for a log that cannot be
    /// written: the entry waits, in order, and is written when the log takes records again. One-way: the caller
    /// (a site or override grain) never waits for the log, and the recorder may call it back (acknowledgements).
    /// </summary>
    [OneWay]
    Task RecordAsync(LogEntry entry);

    /// <summary>Answered between the recorder's own calls: the site asks for it while the recorder may be acknowledging to the site.</summary>
    [AlwaysInterleave]
    Task<RecorderHealth> GetHealthAsync();
}
