using System.Net;
using System.Net.Sockets;
using BitGridAI.Adapters.Miners;
using BitGridAI.Adapters.Modbus;
using BitGridAI.Adapters.SunSpec;

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
            Assert.All(first.BlockLines, line => Assert.Matches(@"^block \d{4}-\d\d-\d\dT\d\d:\d\d:00Z [A-Z0-9_]+ \[miner-[123]\] .+", line)); // three miners: each line names its own
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
    public async Task TheStandaloneSiteIsDrivenThroughTheRealProtocols()
    {
        await using var silo = SiloProcess.Start(_dataDir);
        await silo.WaitForAsync(s => s.BlockLines.Any(l => l.Contains(" START_", StringComparison.Ordinal) && l.Contains(" [miner-1] ", StringComparison.Ordinal)), TimeSpan.FromSeconds(90), "a START decision for miner-1");

        // The START went out over the miner's cgminer API: the simulated Avalon hashes and draws power.
        var miner = new CgminerClient("127.0.0.1", silo.MinerApiPort, TimeSpan.FromSeconds(2));
        MinerReading reading = await miner.ReadAsync();
        // At ×600 a START the readiness gate refused (no fresh temperature yet) is repeated a block, 1 s, later.
        for (var i = 0; i < 400 && !(reading.PowerW > 0); i++)
        {
            await Task.Delay(50);
            reading = await miner.ReadAsync();
        }
        Assert.True(reading.PowerW >= 800, $"the miner draws {reading.PowerW} W after a START");
        Assert.True(reading.HashrateThs > 0);

        // miner-2 and miner-3 answer on their own firmware's API, as LuxOS and AxeOS do, with their chips' temperature.
        var luxOs = await new CgminerClient("127.0.0.1", silo.Ports!.LuxOsApiPort, TimeSpan.FromSeconds(2)).ReadAsync();
        Assert.NotNull(luxOs.MaxTempC);
        using var bitaxeHttp = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{silo.Ports.BitaxeApiPort}"), Timeout = TimeSpan.FromSeconds(2) };
        Assert.NotNull((await new AxeOsClient(bitaxeHttp).ReadAsync()).MaxTempC);

        // The readings the silo polls are on its SunSpec server for anyone to read.
        await using var modbus = new ModbusTcpClient("127.0.0.1", silo.ModbusPort, TimeSpan.FromSeconds(2));
        var inverter = new SunSpecDevice(modbus, 1);
        Assert.Contains(await inverter.DiscoverAsync(), m => m.Id == 103);
        Assert.True((await inverter.ReadInverterAsync()).PowerW > 0, "after sunrise the simulated inverter produces");
        Assert.Equal(0, await silo.InterruptAsync(TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task ATakenSimulatorPortStopsTheStartNamingIt()
    {
        using var occupant = new TcpListener(IPAddress.Loopback, 0);
        occupant.Start();
        var port = ((IPEndPoint)occupant.LocalEndpoint).Port;

        await using var silo = SiloProcess.Start(_dataDir, $"--Simulator:Protocols:ModbusPort={port}");
        var exitCode = await silo.ExitCodeAsync(StartTimeout);

        Assert.Equal(2, exitCode);
        var error = Assert.Single(silo.Errors, e => e.StartsWith("bitgrid-silo:", StringComparison.Ordinal));
        Assert.Contains(port.ToString(System.Globalization.CultureInfo.InvariantCulture), error, StringComparison.Ordinal);
        Assert.Contains("Simulator:Protocols:ModbusPort", error, StringComparison.Ordinal);
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
