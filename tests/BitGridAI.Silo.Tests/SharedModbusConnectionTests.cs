using BitGridAI.Domain.Signals;
using BitGridAI.Grains.Abstractions.Ports;
using BitGridAI.Silo.Configuration;
using BitGridAI.Silo.Hosting;
using BitGridAI.Simulator;
using BitGridAI.Simulator.Protocols;
using Microsoft.Extensions.Time.Testing;

namespace BitGridAI.Silo.Tests;

/// <summary>
/// Many inverters accept one Modbus TCP connection and refuse or drop a second: the inverter, meter and
/// battery behind one gateway (the simulator's server, units 1–3) must be polled over a single connection.
/// </summary>
public sealed class SharedModbusConnectionTests
{
    [Fact]
    public async Task AnInverterMeterAndBatteryOnOneHostAndPortAreReadOverOneConnection()
    {
        var options = new SimulatedSiteOptions { FanFailuresPerDay = 0, CommLossesPerDay = 0 };
        options.Protocols.ModbusPort = 0;
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 6, 21, 11, 50, 0, TimeSpan.Zero));
        var site = new SimulatedSite(options, clock);
        clock.Advance(TimeSpan.FromMinutes(10)); // June noon, the PV has been running
        await using var servers = await SimulatorServers.StartAsync(site, options, CancellationToken.None);
        DeviceSettings[] devices =
        [
            Sunspec("pv-1", "pv_inverter", servers.ModbusPort, 1),
            Sunspec("meter-1", "grid_meter", servers.ModbusPort, 2),
            Sunspec("battery-1", "battery", servers.ModbusPort, 3),
        ];
        await using var ports = SiteDrivers.Ports(devices, null, new SiteClock(clock), TimeProvider.System);

        // Polled concurrently, as the three device grains do: the shared client serializes them.
        var reads = await Task.WhenAll(devices.Select(d => ports.ReadAsync(d.Id, CancellationToken.None).AsTask()));
        var again = await ports.ReadAsync("pv-1", CancellationToken.None);

        Assert.Contains(reads[0], s => s.Signal == Signal.PvPowerW && s.Value > 0);
        Assert.Contains(reads[1], s => s.Signal is Signal.GridImportW or Signal.GridExportW);
        Assert.Contains(reads[2], s => s.Signal == Signal.BatterySocPct);
        Assert.NotEmpty(again);
        Assert.Equal(1, servers.ModbusConnectionsAccepted);
    }

    private static DeviceSettings Sunspec(string id, string kind, int port, int unit) =>
        new() { Id = id, Kind = kind, Driver = "sunspec", Host = "127.0.0.1", Port = port, Unit = unit };
}
