using BitGridAI.Grains.Abstractions.Site;
using BitGridAI.Grains.Hosting;

namespace BitGridAI.Silo.Hosting;

/// <summary>
/// Once the silo runs, wakes each site's policy grain: it decides the current block at once and then
/// ticks on its own timer at every boundary. The grain's stored wake reminder would bring it back too,
/// but only after up to one reminder period; this wake is immediate. A failed wake (storage still
/// busy, the silo still joining) is logged and retried with backoff, never dropped silently.
/// </summary>
internal sealed partial class SiteStarter(IGrainFactory grains, ISiteCatalog catalog, IHostApplicationLifetime lifetime, ILogger<SiteStarter> logger) : IHostedService
{
    private static readonly TimeSpan FirstRetry = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan LongestRetry = TimeSpan.FromSeconds(30);

    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(() => _ = Task.WhenAll(catalog.Sites.Select(site => WakeAsync(site.Id, lifetime.ApplicationStopping))));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task WakeAsync(string siteId, CancellationToken stopping)
    {
        var delay = FirstRetry;
        for (var attempt = 1; !stopping.IsCancellationRequested; attempt++)
        {
            try
            {
                await grains.GetGrain<ISiteGrain>(siteId).TickAsync();
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                WakeFailed(logger, e, siteId, attempt, delay.TotalSeconds);
            }
            try
            {
                await Task.Delay(delay, stopping);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, LongestRetry.Ticks));
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "site {Site}: wake at start failed (attempt {Attempt}); retrying in {DelaySeconds} s")]
    private static partial void WakeFailed(ILogger logger, Exception exception, string site, int attempt, double delaySeconds);
}
