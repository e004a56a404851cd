namespace BitGridAI.Grains.Tests;

/// <summary>Waits on a condition with a deadline (streams deliver asynchronously); never a fixed sleep.</summary>
internal static class Eventually
{
    public static async Task TrueAsync(Func<Task<bool>> condition, int timeoutMs = 10_000)
    {
        var deadline = DateTime.UtcNow.AddMilliseconds(timeoutMs);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"condition not met within {timeoutMs} ms");
            }
            await Task.Yield();
            await Task.Delay(10);
        }
    }
}
