using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace BitGridAI.Storage.Tests.Postgres;

/// <summary>
/// A private PostgreSQL server for one test class: <c>initdb</c> into a temporary directory and <c>pg_ctl start</c> on a
/// free loopback port (never 5432, which Debian's own cluster may hold). PostgreSQL refuses to run as root, so under
/// root (CI) it runs as the <c>postgres</c> user with a directory owned by it. Missing binaries fail the test with a
/// message naming the fix (scripts/setup-test-peers.sh installs the Debian package); nothing is skipped.
/// </summary>
public sealed class PrivatePostgres : IAsyncLifetime
{
    public const string User = "bitgrid";

    private readonly string _dir = Path.Combine(Environment.UserName == "root" ? "/tmp" : Path.GetTempPath(), $"bitgrid-pg-{Guid.NewGuid():N}");
    private string _bin = "";
    private int _databases;

    public int Port { get; private set; }

    private string DataDir => Path.Combine(_dir, "data");

    private static bool IsRoot => Environment.UserName == "root";

    /// <summary>A connection string to the server's maintenance database.</summary>
    public string AdminConnectionString => $"Host=127.0.0.1;Port={Port};Username={User};Database=postgres;Pooling=false";

    public async Task InitializeAsync()
    {
        _bin = FindBin();
        Directory.CreateDirectory(_dir);
        if (IsRoot)
        {
            await RunAsync("chown", ["postgres:postgres", _dir], asServer: false);
        }
        await RunAsync(Path.Combine(_bin, "initdb"), ["-D", DataDir, "-U", User, "--auth=trust", "-E", "UTF8", "--no-sync", "--no-instructions"], asServer: true);
        // A free port can be taken between asking and binding: try a few.
        for (var attempt = 1; ; attempt++)
        {
            Port = FreePort();
            try
            {
                await StartServerAsync();
                return;
            }
            catch (InvalidOperationException) when (attempt < 3)
            {
            }
        }
    }

    /// <summary>The server goes away at once, as a crashed or unplugged database host does (its data stays).</summary>
    public Task KillServerAsync() => RunAsync(Path.Combine(_bin, "pg_ctl"), ["-D", DataDir, "-m", "immediate", "-w", "stop"], asServer: true);

    /// <summary>The server (stopped or killed before) runs again on the same port with the same data.</summary>
    public Task StartServerAsync() => RunAsync(Path.Combine(_bin, "pg_ctl"),
        ["-D", DataDir, "-l", Path.Combine(_dir, "server.log"), "-w", "-t", "60",
         "-o", $"-p {Port} -k {_dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off", "start"],
        asServer: true);

    /// <summary>A new, empty database on the server; its connection string.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = $"t{Interlocked.Increment(ref _databases)}_{Guid.NewGuid():N}"[..20];
        await using var connection = new Npgsql.NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand($"CREATE DATABASE {name};", connection);
        await command.ExecuteNonQueryAsync();
        return $"Host=127.0.0.1;Port={Port};Username={User};Database={name}";
    }

    public async Task DisposeAsync()
    {
        try
        {
            if (Port != 0)
            {
                await KillServerAsync();
            }
        }
        catch (InvalidOperationException)
        {
            // already stopped (a test that killed it and failed before starting it again)
        }
        finally
        {
            Npgsql.NpgsqlConnection.ClearAllPools();
            try
            {
                Directory.Delete(_dir, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private static string FindBin()
    {
        var versions = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .Where(d => File.Exists(Path.Combine(d, "bin", "initdb")) && File.Exists(Path.Combine(d, "bin", "pg_ctl")))
                .OrderByDescending(d => int.TryParse(Path.GetFileName(d), out var v) ? v : 0)
                .ToList()
            : [];
        return versions.Count > 0
            ? Path.Combine(versions[0], "bin")
            : throw new InvalidOperationException("PostgreSQL server binaries (initdb, pg_ctl) not found under /usr/lib/postgresql/<version>/bin: run scripts/setup-test-peers.sh (it installs the Debian package postgresql)");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task RunAsync(string program, IReadOnlyList<string> args, bool asServer)
    {
        var start = new ProcessStartInfo(asServer && IsRoot ? "runuser" : program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = "/",
        };
        if (asServer && IsRoot)
        {
            foreach (var a in (string[])["-u", "postgres", "--", program])
            {
                start.ArgumentList.Add(a);
            }
        }
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {program}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(program)} {string.Join(' ', args)} failed ({process.ExitCode}): {await stdout} {await stderr}");
        }
    }
}
