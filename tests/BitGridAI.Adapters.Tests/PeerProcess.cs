using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace BitGridAI.Adapters.Tests;

/// <summary>A real protocol peer run as a process on a loopback port; ready once the port accepts connections.</summary>
internal sealed class PeerProcess : IDisposable
{
    private readonly Process _process;
    private bool _disposed;

    public PeerProcess(string file, IEnumerable<string> args, int port)
    {
        Port = port;
        _process = Process.Start(new ProcessStartInfo(file, args) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!Accepts(port))
        {
            if (_process.HasExited || DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"{file} did not listen on {port}: {(_process.HasExited ? _process.StandardError.ReadToEnd() : "timeout")}");
            }
            Thread.Sleep(25);
        }
    }

    public int Port { get; }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit();
        }
        _process.Dispose();
    }

    /// <summary>A probe connection; libmodbus' test server serves one client, so it is only used where that does not matter.</summary>
    public static bool Accepts(int port)
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
