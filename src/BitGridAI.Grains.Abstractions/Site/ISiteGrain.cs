using System.Collections.Immutable;
using BitGridAI.Grains.Abstractions.Messages;
using Orleans.Concurrency;

namespace BitGridAI.Grains.Abstractions.Site;

/// <summary>
/// The policy grain of a site (key: site id). At each block boundary it closes the telemetry window,
/// asks the engine for each miner, finalizes the block, commands the miners and publishes the decisions.
/// </summary>
public interface ISiteGrain : IGrainWithStringKey
{
    /// <summary>Decides the current block if it has not been decided yet; a missed tick is caught up once, never twice.</summary>
    Task<TickOutcome> TickAsync();

    /// <summary>Sets FULL, SEMI or MANUAL; persisted.</summary>
    Task SetAutonomyAsync(string autonomy, string requestedBy);

    /// <summary>The recorder has stored the decision with this sequence number.</summary>
    [OneWay]
    Task AcknowledgeAsync(long sequence);

    Task<SiteStatus> GetStatusAsync();

    /// <summary>
    /// The decisions the engine would take now on the latest readings, with the request's thresholds and overrides
    /// (they replace the ones in force): no sequence is used, nothing is stored, no miner is told.
    /// </summary>
    [AlwaysInterleave]
    Task<ImmutableArray<DecisionRecord>> PreviewAsync(PreviewRequest request);

    /// <summary>A miner's safety path stopped it between ticks: the site carries the stop and the lockout into its next decision.</summary>
    [OneWay]
    Task ReportSafetyStopAsync(DecisionRecord stop, DateTimeOffset? lockoutStartedAt);
}
