using System.Collections.Immutable;
using BitGridAI.Grains.Abstractions;
using BitGridAI.Grains.Abstractions.Messages;
using BitGridAI.Grains.Abstractions.Ports;
using BitGridAI.Grains.Abstractions.Site;
using Microsoft.Extensions.Logging;
using Orleans.Streams;
using Orleans.Streams.Core;

namespace BitGridAI.Grains.Recording;

/// <summary>
/// Subscribes implicitly to <c>decisions/{site}</c> and appends every decision to the event log, then
/// acknowledges it to the site. The log drops a decision it already holds (same site, miner and
/// block), so a decision published again after a crash is recorded once.
/// </summary>
[ImplicitStreamSubscription(Streams.Decisions)]
internal sealed class RecorderGrain(
    IEventLog log,
    IEnumerable<IDecisionObserver> observers,
    ILogger<RecorderGrain> logger) : Grain, IRecorderGrain, IStreamSubscriptionObserver, IAsyncObserver<DecisionRecord>
{
    public async Task OnSubscribed(IStreamSubscriptionHandleFactory handleFactory) =>
        await handleFactory.Create<DecisionRecord>().ResumeAsync(this);

    public async Task OnNextAsync(DecisionRecord item, StreamSequenceToken? token = null)
    {
        try
        {
            if (await log.AppendAsync(item, CancellationToken.None))
            {
                foreach (var observer in observers)
                {
                    observer.OnRecorded(item);
                }
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Not acknowledged: the site keeps it pending and publishes it again on its next activation.
            Log.RecordingFailed(logger, e, item.SiteId, item.Sequence);
            return;
        }
        if (item.Sequence > 0)
        {
            // Block decisions wait in the site's pending list until acknowledged; safety stops (sequence 0) never do.
            await GrainFactory.GetGrain<ISiteGrain>(item.SiteId).AcknowledgeAsync(item.Sequence);
        }
    }

    public Task OnCompletedAsync() => Task.CompletedTask;

    public Task OnErrorAsync(Exception ex) => Task.CompletedTask;

    public async Task<ImmutableArray<DecisionRecord>> GetRecentAsync(int count) =>
        [.. await log.RecentAsync(this.GetPrimaryKeyString(), count, CancellationToken.None)];

    public async Task<long> GetCountAsync() => await log.CountAsync(this.GetPrimaryKeyString(), CancellationToken.None);
}
