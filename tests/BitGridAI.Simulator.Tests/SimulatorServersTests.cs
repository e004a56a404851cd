using System.Net;
using System.Net.Sockets;
using BitGridAI.Adapters.Modbus;
using BitGridAI.Adapters.SunSpec;
using BitGridAI.Adapters.Tests;
using BitGridAI.Simulator.Protocols;

namespace BitGridAI.Simulator.Tests;

public sealed class SimulatorServersTests
{
    [Fact]
    public async Task TheModbusClientRecoversWhenTheSimulatorRestartsOnTheSamePort()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        await using var client = new ModbusTcpClient("127.0.0.1", sim.Servers.ModbusPort, TimeSpan.FromSeconds(2));
        var inverter = new SunSpecDevice(client, 1);
        await inverter.DiscoverAsync();
        var port = sim.Servers.ModbusPort;

        await sim.RestartAsync();
        sim.Clock.Advance(TimeSpan.FromMinutes(5));

        Assert.Equal(port, sim.Servers.ModbusPort);
        Assert.Equal(Math.Round(sim.Site.ReadNow().PvW), (await inverter.ReadInverterAsync()).PowerW);
    }

    [Fact]
    public async Task ATakenPortIsAnErrorNamingThePortAndItsSettingAndReleasesWhatHadStarted()
    {
        using var squatter = new TcpListener(IPAddress.Loopback, 0);
        squatter.Start();
        var taken = ((IPEndPoint)squatter.LocalEndpoint).Port;
        var options = SimulatorHarness.DefaultOptions();
        options.Protocols.ModbusPort = PeerProcess.FreePort();
        options.Miners[1].ApiPort = taken;
        var site = new SimulatedSite(options, TimeProvider.System);

        var error = await Assert.ThrowsAsync<SimulatorPortInUseException>(() => SimulatorServers.StartAsync(site, options, CancellationToken.None));

        Assert.Equal(taken, error.Port);
        Assert.Contains($"127.0.0.1:{taken} is already in use", error.Message, StringComparison.Ordinal);
        Assert.Contains("AxeOS HTTP API of simulated miner 'bitaxe-1' (Simulator:Miners:1:ApiPort)", error.Message, StringComparison.Ordinal);
        using var modbusPortIsFreeAgain = new TcpListener(IPAddress.Loopback, options.Protocols.ModbusPort);
        modbusPortIsFreeAgain.Start();
    }

    [Fact]
    public async Task DisabledProtocolsListenOnNothing()
    {
        var options = SimulatorHarness.DefaultOptions();
        options.Protocols.Enabled = false;
        options.Protocols.ModbusPort = PeerProcess.FreePort();

        await using var servers = await SimulatorServers.StartAsync(new SimulatedSite(options, TimeProvider.System), options, CancellationToken.None);

        Assert.Equal(0, servers.ModbusPort);
        Assert.Throws<KeyNotFoundException>(() => servers.ApiPortOf(SimulatorHarness.Avalon));
        using var probe = new TcpClient();
        await Assert.ThrowsAsync<SocketException>(() => probe.ConnectAsync(IPAddress.Loopback, options.Protocols.ModbusPort));
    }

    [Theory]
    [InlineData("Api", "Simulator:Miners:1:Api: must be cgminer or axeos (got 'bmminer')")]
    [InlineData("ApiPort", "Simulator:Miners:0:ApiPort: must be a port from 0 (any free one) to 65535 (got 70000)")]
    [InlineData("SamePort", "Simulator: Miners:0:ApiPort and Protocols:ModbusPort are all set to port 5020")]
    [InlineData("Unit", "Simulator:Protocols:MeterUnit: must be a Modbus unit id from 1 to 247 (got 0)")]
    [InlineData("SameUnit", "Simulator:Protocols: InverterUnit and BatteryUnit share unit id 1")]
    [InlineData("Host", "Simulator:Protocols:Host: must be an IP address such as 127.0.0.1 (got 'localhost:80')")]
    public void InvalidProtocolOptionsAreNamed(string what, string expected)
    {
        var options = SimulatorHarness.DefaultOptions();
        switch (what)
        {
            case "Api": options.Miners[1].Api = "bmminer"; break;
            case "ApiPort": options.Miners[0].ApiPort = 70000; break;
            case "SamePort": options.Protocols.ModbusPort = 5020; options.Miners[0].ApiPort = 5020; break;
            case "Unit": options.Protocols.MeterUnit = 0; break;
            case "SameUnit": options.Protocols.BatteryUnit = 1; break;
            default: options.Protocols.Host = "localhost:80"; break;
        }

        Assert.Equal([expected], SimulatedSiteOptionsValidator.Check(options));
        Assert.Empty(SimulatedSiteOptionsValidator.Check(SimulatorHarness.DefaultOptions()));
    }
}
