using Microsoft.Extensions.Logging;

namespace BitGridAI.Grains.Hosting;

/// <summary>
/// Writes on the control path that must not stop control when storage is gone (PostgreSQL lost in cluster mode, a
/// full disk): the grain keeps its state in memory, the failure is logged, and the next write stores everything. A
/// write that reached the store although its answer was lost leaves a stale version behind: the grain is then
/// deactivated when idle, so its next activation reads what was stored.
/// </summary>
internal static partial class StateWrites
{
    /// <summary>True when stored; false (logged) when the store refused.</summary>
    /// <param name="state">The grain's persistent state.</param>
    /// <param name="grain">The grain, deactivated after a version conflict.</param>
    /// <param name="logger">Where the failure is reported.</param>
    /// <param name="what">The grain in words, e.g. "site home".</param>
    public static async Task<bool> TryWriteAsync<T>(this IPersistentState<T> state, Grain grain, ILogger logger, string what)
    {
        try
        {
            await state.WriteStateAsync();
            return true;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            if (e is Orleans.Storage.InconsistentStateException)
            {
                grain.DeactivateOnIdle();
            }
            NotStored(logger, what, e.Message);
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "{Grain}: state not stored ({Reason}); control goes on from memory and the next write stores it")]
    private static partial void NotStored(ILogger logger, string grain, string reason);
}
