using BitGridAI.Grains.Abstractions.Site;
using BitGridAI.Grains.Hosting;

namespace BitGridAI.Silo.Hosting;

/// <summary>
/// Cluster mode: every silo touches every site grain and device grain every <c>Cluster:WakeInterval</c>. A grain whose
/// silo died is activated again on a survivor by the first call after the cluster has declared that silo dead, so
/// a miner's safety watchdog and the site's block tick are back within one interval of the declaration instead of
/// waiting for the next reminder or block. The calls are idempotent (a tick inside a decided block does nothing), so
/// every silo may make them and any one may die.
/// </summary>
internal sealed partial class ClusterKeeper(IGrainFactory grains, ISiteCatalog catalog, TimeSpan interval, ILogger<ClusterKeeper> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(interval);
        var failing = new HashSet<string>(StringComparer.Ordinal);
        while (await PeriodicTicks.NextAsync(timer, stoppingToken))
        {
            foreach (var site in catalog.Sites)
            {
                // Devices first: their watchdogs matter more than the block tick.
                var calls = site.Devices.Select(d => (d.Id, Call: (Task)DeviceGrains.Of(grains, d).GetStatusAsync()))
                    .Append((Id: site.Id, Call: (Task)grains.GetGrain<ISiteGrain>(site.Id).TickAsync()));
                foreach (var (id, call) in calls.ToList())
                {
                    try
                    {
                        await call;
                        if (failing.Remove(id))
                        {
                            Reached(logger, id);
                        }
                    }
                    catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                    {
                        // Expected while a dead silo is not yet declared dead: its grains cannot be reached for a few seconds.
                        if (failing.Add(id))
                        {
                            var error = e.GetType().Name;
                            Unreached(logger, id, error, e.Message);
                        }
                    }
                }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "cluster: grain {Grain} cannot be reached ({Error}: {Reason}); trying again every interval")]
    private static partial void Unreached(ILogger logger, string grain, string error, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "cluster: grain {Grain} answers again")]
    private static partial void Reached(ILogger logger, string grain);
}
