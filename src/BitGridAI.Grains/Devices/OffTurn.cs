using Microsoft.Extensions.Logging;

namespace BitGridAI.Grains.Devices;

/// <summary>
/// Device I/O outside a grain's turn. A port call is started (its first bytes may leave at once) but never awaited
/// in the turn; its outcome is handed back to the grain as a call of its own. So a hung device holds no turn: a
/// safety STOP, a sample or the watchdog of the same grain always gets in.
/// </summary>
internal static class OffTurn
{
    /// <summary>
    /// Starts a port call where it stands (its first bytes may leave before the turn ends), but with the thread pool
    /// as the current scheduler, so the port's own continuations never queue behind the grain's work. A port that
    /// throws at once gives a failed task, never an exception here.
    /// </summary>
    public static Task<T> Start<T>(Func<ValueTask<T>> call)
    {
        var start = new Task<Task<T>>(() => Invoke(call));
        start.RunSynchronously(TaskScheduler.Default);
        return start.Result;
    }

    private static Task<T> Invoke<T>(Func<ValueTask<T>> call)
    {
        try
        {
            return call().AsTask();
        }
#pragma warning disable CA1031 // whatever a port throws is a device failure, handed back like any other
        catch (Exception e)
#pragma warning restore CA1031
        {
            return Task.FromException<T>(e);
        }
    }

    /// <summary>Starts a port call without a result.</summary>
    public static Task<bool> Start(Func<ValueTask> call) => Start(async () =>
    {
        await call();
        return true;
    });

    /// <summary>Runs a port call on the thread pool, so not even its synchronous part runs in the grain's turn.</summary>
    public static Task<T> Run<T>(Func<ValueTask<T>> call) => Task.Run(() => Start(call));

    /// <summary>When <paramref name="io"/> ends, hands its result or failure to <paramref name="back"/> (a grain call, on the thread pool).</summary>
    public static void HandBack<T>(Task<T> io, Func<T?, DeviceFailure?, Task> back, ILogger logger, string deviceId) =>
        _ = HandBackAsync(io, back, logger, deviceId);

    private static async Task HandBackAsync<T>(Task<T> io, Func<T?, DeviceFailure?, Task> back, ILogger logger, string deviceId)
    {
        T? result = default;
        DeviceFailure? failure = null;
        try
        {
            result = await io.ConfigureAwait(false);
        }
#pragma warning disable CA1031 // see Start: a device failure is data for the grain, not an exception
        catch (Exception e)
#pragma warning restore CA1031
        {
            failure = DeviceFailure.From(e);
        }
        try
        {
            await back(result, failure).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // the grain went away meanwhile: its next activation polls afresh
        catch (Exception e)
#pragma warning restore CA1031
        {
            Log.HandBackFailed(logger, deviceId, e.Message);
        }
    }
}
