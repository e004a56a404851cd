using System.Collections.Immutable;
using BitGridAI.Grains.Abstractions;
using BitGridAI.Grains.Abstractions.Messages;
using BitGridAI.Grains.Abstractions.Ports;
using BitGridAI.Grains.Abstractions.Recording;
using BitGridAI.Grains.Abstractions.Site;
using BitGridAI.Grains.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Streams;
using Orleans.Streams.Core;

namespace BitGridAI.Grains.Recording;

/// <summary>
/// Subscribes implicitly to <c>decisions/{site}</c> and appends to the site's hash-chained event log: the site's
/// configuration version (once per version), each closed block before its first decision, every decision and
/// safety stop, and the events the grains hand it (overrides, autonomy, research toggle). A decision is
/// acknowledged to the site once written; the log drops one it already holds, so a decision published again after
/// a crash is recorded once.
/// Everything goes through one ordered queue: when the log refuses a write (full disk, read-only file) the entries
/// wait, control goes on, the health says so, and a timer writes them in order once the log takes them again.
/// </summary>
[ImplicitStreamSubscription(Streams.Decisions)]
internal sealed class RecorderGrain(
    IEventLog log,
    IEnumerable<IDecisionObserver> observers,
    ISiteCatalog catalog,
    SiteClock clock,
    IOptions<GrainTimingOptions> timing,
    ILogger<RecorderGrain> logger) : Grain, IRecorderGrain, IStreamSubscriptionObserver, IAsyncObserver<DecisionRecord>
{
    private readonly List<(LogEntry Entry, DecisionRecord? Decision)> _waiting = [];
    private string? _error;
    private DateTimeOffset? _failingSince;
    private long _appended;
    private IGrainTimer? _retry;

    /// <summary>The newest decisions this activation saw, answered from memory while the log cannot be read.</summary>
    private readonly Queue<DecisionRecord> _recent = new();

    /// <summary>The block whose record was last queued: a site's miners share one block record, fetched once.</summary>
    private string? _queuedBlockId;

    private string SiteId => this.GetPrimaryKeyString();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // The configuration in force: stored once per version, so every decision's config hash resolves in the log.
        var config = SiteConfigDocument.Of(catalog.Get(SiteId));
        _waiting.Add((LogEntries.Of(config, SiteId, clock.Now), null));
        return FlushAsync();
    }

    public async Task OnSubscribed(IStreamSubscriptionHandleFactory handleFactory) =>
        await handleFactory.Create<DecisionRecord>().ResumeAsync(this);

    public async Task OnNextAsync(DecisionRecord item, StreamSequenceToken? token = null)
    {
        if (item.Trigger == "BLOCK_TICK" && item.BlockId != _queuedBlockId && await BlockAsync(item) is { } block)
        {
            // The block's aggregated telemetry goes in before the first decision that rested on it; its key keeps a
            // block published again after a crash out of the log a second time.
            _waiting.Add((LogEntries.Of(block, item.ConfigHash), null));
            _queuedBlockId = item.BlockId;
        }
        _waiting.Add((LogEntries.Of(item), item));
        _recent.Enqueue(item);
        while (_recent.Count > RecentKept)
        {
            _recent.Dequeue();
        }
        await FlushAsync();
    }

    private const int RecentKept = 50;

    /// <summary>
    /// The block's record from its grain, or null when the grain cannot be reached (storage lost): the site then hands
    /// the record over itself (<see cref="RecordAsync"/>), before the decisions.
    /// </summary>
    private async Task<BlockRecord?> BlockAsync(DecisionRecord item)
    {
        try
        {
            return await GrainFactory.GetGrain<ISchedulerBlockGrain>($"{item.SiteId}/{item.BlockId}").GetRecordAsync();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return null;
        }
    }

    public async Task RecordAsync(LogEntry entry)
    {
        _waiting.Add((entry, null));
        await FlushAsync();
    }

    public Task OnCompletedAsync() => Task.CompletedTask;

    public Task OnErrorAsync(Exception ex) => Task.CompletedTask;

    public async Task<ImmutableArray<DecisionRecord>> GetRecentAsync(int count)
    {
        try
        {
            return [.. await log.RecentAsync(SiteId, count, CancellationToken.None)];
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The log cannot be read (storage lost): what this activation saw, so the site view and health still answer.
            return [.. _recent.OrderBy(d => d.Sequence).TakeLast(count)];
        }
    }

    public async Task<long> GetCountAsync() => await log.CountAsync(SiteId, CancellationToken.None);

    public Task<RecorderHealth> GetHealthAsync() =>
        Task.FromResult(new RecorderHealth(_error is null, _error, _failingSince, _waiting.Count, _appended));

    /// <summary>Writes everything waiting as one batch, in order; on failure all of it keeps waiting.</summary>
    private async Task FlushAsync()
    {
        if (_waiting.Count == 0)
        {
            return;
        }
        var batch = _waiting.ToList();
        IReadOnlyList<bool> added;
        try
        {
            added = await log.AppendAsync([.. batch.Select(w => w.Entry)], CancellationToken.None);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            if (_error is null)
            {
                _failingSince = clock.Now;
                Log.RecordingFailed(logger, SiteId, e.Message, _waiting.Count);
            }
            _error = e.Message;
            _retry ??= this.RegisterGrainTimer(_ => FlushAsync(), new GrainTimerCreationOptions
            {
                DueTime = timing.Value.RecorderRetryInterval,
                Period = timing.Value.RecorderRetryInterval,
                Interleave = false,
                KeepAlive = true,
            });
            return;
        }
        _waiting.RemoveRange(0, batch.Count);
        if (_error is not null)
        {
            Log.RecordingResumed(logger, SiteId, batch.Count);
            _error = null;
            _failingSince = null;
            _retry?.Dispose();
            _retry = null;
        }
        for (var i = 0; i < batch.Count; i++)
        {
            if (added[i])
            {
                _appended++;
                if (batch[i].Entry.Kind == LogKinds.Block && LogJson.ReadBlock(batch[i].Entry.Body) is { } block)
                {
                    BitGridMetrics.BlockRecorded(block);
                }
                if (batch[i].Decision is { } decision)
                {
                    BitGridMetrics.DecisionRecorded(decision.DecisionCode);
                    foreach (var observer in observers)
                    {
                        observer.OnRecorded(decision);
                    }
                }
            }
        }
        // Block decisions and safety stops wait in the site's pending list until acknowledged (a repeat too: it is held).
        foreach (var sequence in batch.Select(w => w.Decision?.Sequence ?? 0).Where(s => s > 0))
        {
            await GrainFactory.GetGrain<ISiteGrain>(SiteId).AcknowledgeAsync(sequence);
        }
    }
}
