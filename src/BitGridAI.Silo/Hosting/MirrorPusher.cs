using BitGridAI.Silo.Configuration;
using BitGridAI.Storage.Mirror;

namespace BitGridAI.Silo.Hosting;

/// <summary>
/// Pushes what is new to the mirror target every <see cref="MirrorSettings.Interval"/>, and once more at a clean
/// stop. A target that is away (an unmounted share) or full is logged and tried again next time; nothing is ever
/// read back from it.
/// </summary>
internal sealed partial class MirrorPusher(MirrorOptions mirror, MirrorSettings settings, ILogger<MirrorPusher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(settings.Interval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                PushOnce();
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
        PushOnce();
    }

    internal void PushOnce()
    {
        try
        {
            var report = new MirrorRun(mirror).Push();
            if (report.Files > 0)
            {
                Pushed(logger, report.Segments, report.Exports, mirror.Target);
            }
        }
        // Whatever goes wrong here (a full disk, a damaged archive, a target away) must not stop the silo: logged, tried again.
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            PushFailed(logger, mirror.Target, e.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "mirror: {Segments} segment(s) and {Exports} export(s) sent, encrypted, to {Target}")]
    private static partial void Pushed(ILogger logger, int segments, int exports, string target);

    [LoggerMessage(Level = LogLevel.Warning, Message = "mirror: sending to {Target} failed ({Reason}); tried again at the next interval")]
    private static partial void PushFailed(ILogger logger, string target, string reason);
}
