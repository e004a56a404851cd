using System.Diagnostics;

namespace BitGridAI.Adapters.Tests;

/// <summary>A real mosquitto broker on a free loopback port (Debian's package, installed by scripts/setup-test-peers.sh).</summary>
internal sealed class Mosquitto : ITestBroker
{
    private readonly string _config = Path.GetTempFileName();
    private Process? _process;

    public Mosquitto()
    {
        Port = PeerProcess.FreePort();
        File.WriteAllText(_config, $"listener {Port} 127.0.0.1\nallow_anonymous true\n");
        Start();
    }

    public int Port { get; }

    public void Start()
    {
        _process = Process.Start(new ProcessStartInfo("/usr/sbin/mosquitto", ["-c", _config])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!Listening())
        {
            if (DateTime.UtcNow > deadline || _process.HasExited)
            {
                throw new InvalidOperationException($"mosquitto did not start on port {Port}: {_process.StandardError.ReadToEnd()}");
            }
            Thread.Sleep(20);
        }
    }

    public void Stop()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill();
            _process.WaitForExit();
        }
    }

    /// <summary>Starts mosquitto_sub on a topic filter and returns once it is subscribed; the task yields the first "topic payload" line.</summary>
    public async Task<Task<string>> SubscribeAsync(string filter)
    {
        // stdbuf: mosquitto_sub block-buffers a pipe, so "subscribed" would only be seen when it exits.
        var sub = Process.Start(new ProcessStartInfo("stdbuf",
            ["-oL", "mosquitto_sub", "-h", "127.0.0.1", "-p", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-t", filter, "-v", "-C", "1", "-W", "15", "-d"])
        {
            RedirectStandardOutput = true,
        })!;
        while (await sub.StandardOutput.ReadLineAsync() is { } line)
        {
            if (line.Contains("SUBACK", StringComparison.Ordinal))
            {
                return ReadMessageAsync(sub);
            }
        }
        throw new InvalidOperationException("mosquitto_sub ended before it subscribed");
    }

    public void Dispose()
    {
        Stop();
        File.Delete(_config);
    }

    private static async Task<string> ReadMessageAsync(Process sub)
    {
        using (sub)
        {
            while (await sub.StandardOutput.ReadLineAsync() is { } line)
            {
                if (!line.StartsWith("Client ", StringComparison.Ordinal) && !line.StartsWith("Subscribed", StringComparison.Ordinal))
                {
                    return line;
                }
            }
            return "";
        }
    }

    private bool Listening() => PeerProcess.Accepts(Port);
}
