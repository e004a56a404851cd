using System.Diagnostics;
using System.Globalization;

namespace BitGridAI.Adapters.Tests;

/// <summary>mosquitto_sub as the independent subscriber: collects "topic payload" lines until disposed.</summary>
internal sealed class MosquittoSub : IDisposable
{
    private readonly Process _process;
    private readonly List<string> _lines = [];
    private readonly Task _reading;

    private MosquittoSub(Process process, List<string> early)
    {
        _process = process;
        _lines.AddRange(early);
        _reading = Task.Run(ReadAsync);
    }

    /// <summary>Starts mosquitto_sub and returns once the broker confirmed the subscription.</summary>
    public static async Task<MosquittoSub> StartAsync(int port, string filter)
    {
        // stdbuf: mosquitto_sub block-buffers a pipe, so lines would only come when it exits.
        var process = Process.Start(new ProcessStartInfo("stdbuf",
            ["-oL", "mosquitto_sub", "-i", "test-sub-" + Guid.NewGuid().ToString("N")[..8], "-h", "127.0.0.1", "-p", port.ToString(CultureInfo.InvariantCulture), "-t", filter, "-v", "-d", "-q", "1"])
        {
            RedirectStandardOutput = true,
        })!;
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        // MQTTnet's broker may send a retained message before the SUBACK: keep what comes first.
        var early = new List<string>();
        while (await process.StandardOutput.ReadLineAsync(deadline.Token) is { } line)
        {
            if (line.Contains("SUBACK", StringComparison.Ordinal))
            {
                return new MosquittoSub(process, early);
            }
            if (IsMessage(line))
            {
                early.Add(line);
            }
        }
        throw new InvalidOperationException("mosquitto_sub ended before it subscribed");
    }

    /// <summary>Messages seen so far as "topic payload".</summary>
    public IReadOnlyList<string> Messages
    {
        get
        {
            lock (_lines)
            {
                return [.. _lines];
            }
        }
    }

    /// <summary>Waits until the messages seen satisfy <paramref name="condition"/>; fails with what was seen.</summary>
    public async Task WaitForAsync(Func<IReadOnlyList<string>, bool> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        while (!condition(Messages))
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"mosquitto_sub never saw {what}; it saw: {string.Join(" | ", Messages)}");
            }
            await Task.Delay(20);
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit();
        }
        _reading.Wait(TimeSpan.FromSeconds(5));
        _process.Dispose();
    }

    private async Task ReadAsync()
    {
        while (await _process.StandardOutput.ReadLineAsync() is { } line)
        {
            if (IsMessage(line))
            {
                lock (_lines)
                {
                    _lines.Add(line);
                }
            }
        }
    }

    /// <summary>-d adds protocol chatter ("Client … received PUBLISH …"); the messages are the other lines.</summary>
    private static bool IsMessage(string line) =>
        !line.StartsWith("Client ", StringComparison.Ordinal) && !line.StartsWith("Subscribed", StringComparison.Ordinal);
}
