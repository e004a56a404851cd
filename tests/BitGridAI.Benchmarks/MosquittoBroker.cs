using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace BitGridAI.Benchmarks;

/// <summary>Debian's mosquitto on a free loopback port, for the relay yardstick and the broker comparison.</summary>
internal sealed class MosquittoBroker : IAsyncDisposable
{
    private readonly string _config = Path.GetTempFileName();
    private readonly Process _process;

    private MosquittoBroker(int port)
    {
        Port = port;
        File.WriteAllText(_config, $"listener {port} 127.0.0.1\nallow_anonymous true\n");
        _process = Process.Start(new ProcessStartInfo("/usr/sbin/mosquitto", ["-c", _config]) { RedirectStandardError = true })!;
    }

    public int Port { get; }

    public static async Task<MosquittoBroker> StartAsync()
    {
        var broker = new MosquittoBroker(BenchSilo.FreePort());
        var deadline = Stopwatch.StartNew();
        while (!Accepts(broker.Port))
        {
            if (deadline.Elapsed > TimeSpan.FromSeconds(15) || broker._process.HasExited)
            {
                await broker.DisposeAsync();
                throw new InvalidOperationException($"mosquitto did not listen on {broker.Port}");
            }
            await Task.Delay(20);
        }
        return broker;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        File.Delete(_config);
    }

    private static bool Accepts(int port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
