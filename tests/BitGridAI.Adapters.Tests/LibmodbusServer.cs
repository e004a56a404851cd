using System.Diagnostics;
using System.Globalization;

namespace BitGridAI.Adapters.Tests;

/// <summary>
/// libmodbus' own unit-test server (built from Debian's libmodbus-dev examples): port 1502, one client,
/// and built-in misbehaviour at special registers. It serves one connection and exits, so every test
/// starts its own, and readiness is read from /proc/net/tcp rather than by connecting.
/// </summary>
internal sealed class LibmodbusServer : IDisposable
{
    public const int Port = 1502;
    public const ushort Registers = 0x160;
    public const ushort InputRegisters = 0x108;
    public const ushort ExceptionBusy = 0x170;
    public const ushort WrongTransaction = 0x171;
    public const ushort ReplyAfter500Ms = 0x172;
    public const ushort ReplyByteByByte = 0x173;

    private static readonly Lazy<string> Binary = new(Build);
    private readonly Process _process;

    public LibmodbusServer()
    {
        _process = Process.Start(new ProcessStartInfo(Binary.Value, ["tcp"]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!Listening())
        {
            if (_process.HasExited || DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException("libmodbus unit-test-server did not listen on 1502");
            }
            Thread.Sleep(20);
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit();
        }
        _process.Dispose();
    }

    private static bool Listening() =>
        File.ReadLines("/proc/net/tcp").Skip(1).Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Any(f => f[1].EndsWith(":" + Port.ToString("X4", CultureInfo.InvariantCulture), StringComparison.Ordinal) && f[3] == "0A");

    private static string Build()
    {
        const string examples = "/usr/share/doc/libmodbus-dev/examples";
        var output = Path.Combine(Path.GetTempPath(), "bitgrid-libmodbus-" + Environment.ProcessId, "unit-test-server");
        Directory.CreateDirectory(Path.GetDirectoryName(output)!);
        var flags = Run("pkg-config", "--libs", "--cflags", "libmodbus").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Run("gcc", [Path.Combine(examples, "unit-test-server.c"), "-I", examples, "-o", output, .. flags]);
        return output;
    }

    private static string Run(string file, params string[] args)
    {
        using var process = Process.Start(new ProcessStartInfo(file, args) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var stdout = process.StandardOutput.ReadToEnd();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0 ? stdout.Trim() : throw new InvalidOperationException($"{file} failed: {stderr}");
    }
}
