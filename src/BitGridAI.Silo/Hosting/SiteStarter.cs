using BitGridAI.Grains.Abstractions.Site;
using BitGridAI.Grains.Hosting;
using Microsoft.Extensions.Hosting;

namespace BitGridAI.Silo.Hosting;

/// <summary>
/// Once the silo runs, wakes each site's policy grain: it decides the current block at once and then
/// ticks on its own timer at every boundary.
/// </summary>
internal sealed class SiteStarter(IGrainFactory grains, ISiteCatalog catalog, IHostApplicationLifetime lifetime) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(() => _ = WakeAsync());
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task WakeAsync()
    {
        foreach (var site in catalog.Sites)
        {
            await grains.GetGrain<ISiteGrain>(site.Id).TickAsync();
        }
    }
}
