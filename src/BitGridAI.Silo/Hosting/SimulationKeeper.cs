using BitGridAI.Grains.Abstractions.Ports;
using BitGridAI.Simulator;
using Microsoft.Extensions.Hosting;

namespace BitGridAI.Silo.Hosting;

/// <summary>
/// Carries the simulation over restarts: puts the stored site state back before anything serves the site, then
/// saves the site and the clock every few real seconds and once more, the clock marked clean, on a clean stop.
/// </summary>
internal sealed class SimulationKeeper(SimulatedClockStore clockStore, SiteClock clock, SimulatedSiteStore siteStore, SimulatedSite site) : BackgroundService
{
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        siteStore.RestoreInto(site);
        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(SimulatedClockStore.SaveInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                Save(clean: false);
            }
        }
        catch (OperationCanceledException)
        {
            // stopping
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        Save(clean: true);
    }

    /// <summary>
    /// The site's state is taken first and written last: the clock on disk is then never behind the site on
    /// disk, whenever a crash comes, so the next start can always restore it.
    /// </summary>
    private void Save(bool clean)
    {
        var snapshot = site.Snapshot();
        if (clean)
        {
            clockStore.SaveStopped(clock.Now);
        }
        else
        {
            clockStore.Save(clock.Now);
        }
        siteStore.Save(snapshot);
    }
}
