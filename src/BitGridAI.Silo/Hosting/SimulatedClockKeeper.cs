using BitGridAI.Grains.Abstractions.Ports;
using Microsoft.Extensions.Hosting;

namespace BitGridAI.Silo.Hosting;

/// <summary>Saves the simulated clock every few real seconds and once more, marked clean, on a clean stop.</summary>
internal sealed class SimulatedClockKeeper(SimulatedClockStore store, SiteClock clock) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(SimulatedClockStore.SaveInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                store.Save(clock.Now);
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
        store.SaveStopped(clock.Now);
    }
}
