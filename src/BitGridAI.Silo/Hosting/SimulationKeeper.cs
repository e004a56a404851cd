using BitGridAI.Grains.Abstractions.Ports;
using BitGridAI.Simulator;

namespace BitGridAI.Silo.Hosting;

/// <summary>
/// Carries the simulation over restarts: puts the stored site state back before anything serves the site, then
/// saves the site and the clock every few real seconds and once more, the clock marked clean, on a clean stop.
/// </summary>
internal sealed partial class SimulationKeeper(SimulatedClockStore clockStore, SiteClock clock, SimulatedSiteStore siteStore, SimulatedSite site,
    ILogger<SimulationKeeper> logger) : BackgroundService
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
        try
        {
            SaveNow(clean);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A full or read-only disk must not stop the silo: the simulation runs on, the next save tries again.
            SaveFailed(logger, e.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "simulation: saving the site time and state failed ({Reason}); tried again in a moment")]
    private static partial void SaveFailed(ILogger logger, string reason);

    private void SaveNow(bool clean)
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
