namespace BitGridAI.Silo.Hosting;

/// <summary>The loops of background services that run on a <see cref="PeriodicTimer"/>.</summary>
internal static class PeriodicTicks
{
    /// <summary>True at the next tick; false once the host stops (no exception to catch in every loop).</summary>
    public static async Task<bool> NextAsync(PeriodicTimer timer, CancellationToken stopping)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stopping);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
