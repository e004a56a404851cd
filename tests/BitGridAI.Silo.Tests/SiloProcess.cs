using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace BitGridAI.Silo.Tests;

/// <summary>The real silo program started as a user starts it, with free ports and its own data directory.</summary>
internal sealed class SiloProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly ConcurrentQueue<string> _errors = new();

    private SiloProcess(Process process, int modbusPort, int minerApiPort, int mqttPort, int apiPort, IsolatedSilo? ports = null)
    {
        Ports = ports;
        ApiPort = apiPort;
        _process = process;
        ModbusPort = modbusPort;
        MinerApiPort = minerApiPort;
        MqttPort = mqttPort;
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) _lines.Enqueue(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) _errors.Enqueue(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>The simulated site's SunSpec server (inverter unit 1, meter 2, battery 3).</summary>
    public int ModbusPort { get; }

    /// <summary>The simulated miner-1's cgminer API.</summary>
    public int MinerApiPort { get; }

    public int MqttPort { get; }

    /// <summary>Every port it was given (null for <see cref="StartWith"/>): miner-2's and miner-3's APIs among them.</summary>
    public IsolatedSilo? Ports { get; }

    /// <summary>The HTTP API and dashboard (http://127.0.0.1:ApiPort).</summary>
    public int ApiPort { get; }

    public IReadOnlyList<string> Lines => [.. _lines];

    public IReadOnlyList<string> Errors => [.. _errors];

    public IReadOnlyList<string> BlockLines => [.. _lines.Where(l => l.StartsWith("block ", StringComparison.Ordinal))];

    /// <summary>The blocks its decision lines name, each once: a block of the three-miner standalone site prints a line per miner.</summary>
    public IReadOnlyList<string> DecidedBlocks => [.. BlockLines.Select(l => l.Split(' ')[1]).Distinct()];

    /// <summary>The silo program with exactly these arguments (no free ports or data directory added): a device process, or a silo whose configuration names every port.</summary>
    public static SiloProcess StartWith(params string[] args) => new(Launch(args), 0, 0, 0, 0);

    public static SiloProcess Start(string dataDir, params string[] extra)
    {
        var ports = IsolatedSilo.WithFreePorts();
        // A later argument wins, so a test may still point a port elsewhere.
        var overridden = extra.FirstOrDefault(a => a.StartsWith("--Mqtt:Port=", StringComparison.Ordinal));
        return new SiloProcess(Launch([.. ports.Args(dataDir, speed: 600), .. extra]), ports.ModbusPort, ports.MinerApiPort, overridden is null ? ports.MqttPort : int.Parse(overridden["--Mqtt:Port=".Length..], System.Globalization.CultureInfo.InvariantCulture), ports.ApiPort, ports);
    }

    private static Process Launch(IEnumerable<string> args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var arg in args.Prepend(Path.Combine(AppContext.BaseDirectory, "bitgrid-silo.dll")))
        {
            info.ArgumentList.Add(arg);
        }
        return Process.Start(info)!;
    }

    /// <summary>
    /// A port that is free now, picked below Linux's ephemeral range (32768–60999): a port the OS hands out for
    /// port 0 is also what it hands to the next outgoing connection of a test running beside this one, which then
    /// takes it before the silo binds it ("address already in use"). Ports are handed out in turn, never twice.
    /// </summary>
    public static int FreePort()
    {
        while (true)
        {
            var port = 20_000 + (int)((uint)Interlocked.Increment(ref _nextPort) % 12_000);
            try
            {
                using var listener = new TcpListener(IPAddress.Loopback, port);
                listener.Start();
                return port;
            }
            catch (SocketException)
            {
                // taken: try the next one
            }
        }
    }

    private static int _nextPort = Random.Shared.Next(12_000);

    public async Task WaitForAsync(Func<SiloProcess, bool> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition(this))
        {
            if (DateTime.UtcNow > deadline || _process.HasExited)
            {
                Assert.Fail($"{what} did not happen within {timeout.TotalSeconds} s (exited: {_process.HasExited}).\nstdout:\n{string.Join('\n', Lines.TakeLast(20))}\nstderr:\n{string.Join('\n', Errors.TakeLast(20))}");
            }
            await Task.Delay(50);
        }
    }

    /// <summary>Ctrl-C, as a person stops it; returns the exit code.</summary>
    public Task<int> InterruptAsync(TimeSpan timeout) => SignalAsync("-INT", timeout);

    /// <summary>SIGTERM, as a service manager stops it; returns the exit code.</summary>
    public Task<int> TerminateAsync(TimeSpan timeout) => SignalAsync("-TERM", timeout);

    /// <summary>SIGKILL, as a power cut or the OOM killer ends it: nothing of the silo runs after it.</summary>
    public Task<int> KillAsync(TimeSpan timeout) => SignalAsync("-KILL", timeout);

    private async Task<int> SignalAsync(string signal, TimeSpan timeout)
    {
        using (var kill = Process.Start("kill", [signal, _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }
        using var cts = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cts.Token);
        return _process.ExitCode;
    }

    public async Task<int> ExitCodeAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cts.Token);
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}
