using System.Collections.Concurrent;
using System.Diagnostics;
using BitGridAI.Cli.Tests.Support;

namespace BitGridAI.Cli.Tests.Remote;

/// <summary>
/// The real silo program (bitgrid-silo.dll, built next to the tests), started as a person starts it with its own data
/// directory and free ports, its site time ×30 (a block every 20 s, so a 5-minute override lasts 10 s) and no safety
/// lockout after a stop (so one test's emergency stop does not refuse the next test's START). Ready once the console
/// reads its status and it has decided a block; holds an admin token (printed at the first start) and an operator and
/// a viewer token made with <c>bitgrid token create</c>. Killed at the end.
/// </summary>
public sealed class LiveSilo : IAsyncLifetime
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);

    private readonly string _dataDir = Directory.CreateTempSubdirectory("bitgrid-console-").FullName;
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly ConcurrentQueue<string> _errors = new();
    private Process? _process;

    public string Url { get; private set; } = "";

    public string AdminToken { get; private set; } = "";

    public string OperatorToken { get; private set; } = "";

    public string ViewerToken { get; private set; } = "";

    public string DataDir => _dataDir;

    /// <summary>The console against this silo with <paramref name="token"/>.</summary>
    internal CliResult Run(string? token, params string[] args) => ApiConsole.Run(Url, token, args);

    public async Task InitializeAsync()
    {
        var apiPort = FreePort();
        var modbusPort = FreePort();
        var minerPort = FreePort();
        var luxOsPort = FreePort();
        var bitaxePort = FreePort();
        Url = $"http://127.0.0.1:{apiPort}";
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[]
        {
            Path.Combine(AppContext.BaseDirectory, "bitgrid-silo.dll"), "--data-dir", DataDir, "--speed", "30",
            $"--Api:Url={Url}", $"--Mqtt:Port={FreePort()}", $"--Silo:SiloPort={FreePort()}", $"--Silo:GatewayPort={FreePort()}",
            $"--Simulator:Protocols:ModbusPort={modbusPort}", $"--Site:Devices:0:Port={modbusPort}", $"--Site:Devices:1:Port={modbusPort}",
            $"--Site:Devices:2:Port={modbusPort}", $"--Simulator:Miners:0:ApiPort={minerPort}", $"--Site:Devices:3:Port={minerPort}",
            // miner-2 (LuxOS) and miner-3 (Bitaxe) of the standalone site, on ports of their own.
            $"--Simulator:Miners:1:ApiPort={luxOsPort}", $"--Site:Devices:6:Port={luxOsPort}",
            $"--Simulator:Miners:2:ApiPort={bitaxePort}", $"--Site:Devices:7:Port={bitaxePort}",
            "--Site:Engine:safety_lockout_min=0",
        })
        {
            start.ArgumentList.Add(arg);
        }
        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, e) => { if (e.Data is not null) _lines.Enqueue(e.Data); };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) _errors.Enqueue(e.Data); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        await WaitForAsync(() => _lines.Any(l => l.StartsWith("API and dashboard on ", StringComparison.Ordinal)), "the silo's start");
        AdminToken = _lines.Single(l => l.StartsWith("admin token: ", StringComparison.Ordinal))["admin token: ".Length..];
        OperatorToken = CreateToken("operator");
        ViewerToken = CreateToken("viewer");
        await WaitForAsync(() => Run(ViewerToken, "status").ExitCode == 0, "an answer to bitgrid status");
        await WaitForAsync(() => Run(ViewerToken, "decisions", "--json") is { ExitCode: 0 } d && d.Json.GetArrayLength() > 0, "a decided block");
    }

    public async Task DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process?.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dataDir, recursive: true);
    }

    /// <summary>Waits for <paramref name="condition"/> with a deadline; fails with the silo's last output if it never holds.</summary>
    public async Task WaitForAsync(Func<bool> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? StartTimeout);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline || _process!.HasExited)
            {
                Assert.Fail($"{what} did not happen (silo exited: {_process!.HasExited}).\nstdout:\n{string.Join('\n', _lines.TakeLast(20))}\nstderr:\n{string.Join('\n', _errors.TakeLast(20))}");
            }
            await Task.Delay(200);
        }
    }

    private string CreateToken(string role)
    {
        var result = Bitgrid.Run("token", "create", "--role", role, "--name", $"console-{role}", "--data-dir", DataDir);
        Assert.Equal(0, result.ExitCode);
        return Assert.Single(result.OutLines).Split(": ")[1];
    }

    private static int FreePort() => BitGridAI.Silo.Tests.SiloProcess.FreePort();
}
