using System.Net;
using System.Net.Sockets;

namespace BitGridAI.Silo.Tests;

public sealed class SiloProcessTests : IDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(40);
    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), "bitgrid-silo-run-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task TheSiloShowsDecisionsStopsCleanlyOnCtrlCAndResumesAfterARestart()
    {
        string lastBlockOfFirstRun;
        await using (var first = SiloProcess.Start(_dataDir))
        {
            await first.WaitForAsync(s => s.BlockLines.Count >= 3, StartTimeout, "three decisions");
            Assert.Equal(0, await first.InterruptAsync(TimeSpan.FromSeconds(30)));
            Assert.All(first.BlockLines, line => Assert.Matches(@"^block \d{4}-\d\d-\d\dT\d\d:\d\d:00Z [A-Z0-9_]+ .+", line));
            lastBlockOfFirstRun = first.BlockLines[^1].Split(' ')[1];
        }
        Assert.True(File.Exists(Path.Combine(_dataDir, "state.db")));
        Assert.True(File.Exists(Path.Combine(_dataDir, "events.db")));
        Assert.True(File.Exists(Path.Combine(_dataDir, "sim-clock.json")));

        await using var second = SiloProcess.Start(_dataDir);
        await second.WaitForAsync(s => s.BlockLines.Count >= 1, StartTimeout, "a decision after the restart");
        var firstBlockAfterRestart = second.BlockLines[0].Split(' ')[1];

        // Site time resumed from the stored clock: no block is decided twice, none goes backwards.
        Assert.True(string.CompareOrdinal(firstBlockAfterRestart, lastBlockOfFirstRun) > 0,
            $"after the restart the silo decided {firstBlockAfterRestart}, not after {lastBlockOfFirstRun}");
        Assert.Equal(0, await second.InterruptAsync(TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task ATakenMqttPortStopsTheStartWithTheOptionsThatFixIt()
    {
        using var occupant = new TcpListener(IPAddress.Loopback, 0);
        occupant.Start();
        var port = ((IPEndPoint)occupant.LocalEndpoint).Port;

        await using var silo = SiloProcess.Start(_dataDir, $"--Mqtt:Port={port}");
        var exitCode = await silo.ExitCodeAsync(StartTimeout);

        Assert.Equal(2, exitCode);
        var error = Assert.Single(silo.Errors, e => e.StartsWith("bitgrid-silo:", StringComparison.Ordinal));
        Assert.Contains($"127.0.0.1:{port} is already in use", error, StringComparison.Ordinal);
        Assert.Contains("Mqtt:Enabled=false", error, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        if (Directory.Exists(_dataDir))
        {
            Directory.Delete(_dataDir, recursive: true);
        }
    }
}
