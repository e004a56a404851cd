using BitGridAI.Grains.Abstractions.Ports;
using Microsoft.Extensions.Hosting;

namespace BitGridAI.Silo.Hosting;

/// <summary>Saves the simulated clock every few real seconds and once more on a clean stop.</summary>
internal sealed class SimulatedClockKeeper(SimulatedClockStore store, SiteClock clock) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
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
        store.Save(clock.Now);
    }
}
