using BitGridAI.Grains.Abstractions.Ports;
using BitGridAI.Silo.Configuration;
using BitGridAI.Storage.EventLog;
using Microsoft.Extensions.Options;

namespace BitGridAI.Silo.Hosting;

/// <summary>
/// Archives closed segments older than <see cref="EventLogOptions.RetainDays"/> (site time) from events.db to
/// <c>archive/</c>, every <see cref="EventLogOptions.ArchiveInterval"/>. A failure (full disk) is logged and
/// tried again next time; it never touches the live chain.
/// </summary>
internal sealed partial class EventLogRetention(
    EventLogStore store,
    IOptions<EventLogOptions> options,
    SiteClock clock,
    ILogger<EventLogRetention> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.RetainDays == 0)
        {
            return;
        }
        using var timer = new PeriodicTimer(options.Value.ArchiveInterval);
        try
        {
            do
            {
                RunOnce();
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException)
        {
            // stopping
        }
    }

    internal int RunOnce()
    {
        try
        {
            var archived = ArchivedSegments.Archive(store, options.Value.SegmentRecords, clock.Now.AddDays(-options.Value.RetainDays), TimeProvider.System);
            if (archived > 0)
            {
                Archived(logger, archived, options.Value.RetainDays);
            }
            return archived;
        }
        // Whatever goes wrong here (a full disk, a damaged archive, a target away) must not stop the silo: logged, tried again.
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            ArchiveFailed(logger, e.Message);
            return 0;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "event log: {Count} segment(s) older than {Days} days archived to archive/")]
    private static partial void Archived(ILogger logger, int count, int days);

    [LoggerMessage(Level = LogLevel.Warning, Message = "event log: archiving failed ({Reason}); the records stay in events.db and it is tried again")]
    private static partial void ArchiveFailed(ILogger logger, string reason);
}
