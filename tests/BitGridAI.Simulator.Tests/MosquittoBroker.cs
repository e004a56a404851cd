using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace BitGridAI.Simulator.Tests;

/// <summary>A real mosquitto broker (Debian's, from scripts/setup-test-peers.sh) on a free loopback port that survives a restart.</summary>
internal sealed class MosquittoBroker : IDisposable
{
    private readonly string _config = Path.GetTempFileName();
    private Process? _process;

    public MosquittoBroker()
    {
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            Port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }
        File.WriteAllText(_config, $"listener {Port} 127.0.0.1\nallow_anonymous true\n");
        Start();
    }

    public int Port { get; }

    public void Start()
    {
        _process = Process.Start(new ProcessStartInfo("/usr/sbin/mosquitto", ["-c", _config]) { RedirectStandardError = true })!;
        var deadline = Stopwatch.StartNew();
        while (!Accepts())
        {
            if (deadline.Elapsed > TimeSpan.FromSeconds(10) || _process.HasExited)
            {
                throw new InvalidOperationException($"mosquitto did not start on port {Port}");
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
        _process?.Dispose();
        _process = null;
    }

    public void Dispose()
    {
        Stop();
        File.Delete(_config);
    }

    private bool Accepts()
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, Port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
