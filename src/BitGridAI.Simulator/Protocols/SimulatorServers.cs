using System.Net;

namespace BitGridAI.Simulator.Protocols;

/// <summary>
/// The real device protocols of a simulated site, served on loopback so that BitGridAI's own drivers (and
/// any other client: mbpoll, a miner tool) talk to the simulation exactly as to real hardware: one SunSpec
/// Modbus TCP server with a unit each for the inverter, meter and battery, and per miner its firmware API
/// (cgminer-family TCP or AxeOS HTTP); optionally each miner's relay as a Shelly plug on an MQTT broker
/// (<see cref="SimulatedProtocolOptions.ShellyPlugs"/>). Every value is read from the <see cref="SimulatedSite"/> when a
/// request arrives, and commands change it. With <see cref="SimulatedProtocolOptions.Enabled"/> off nothing
/// listens. A port already taken is a <see cref="SimulatorPortInUseException"/> naming the port and the
/// setting it comes from; servers already started are stopped again.
/// </summary>
public sealed class SimulatorServers : IAsyncDisposable
{
    private readonly List<IAsyncDisposable> _servers = [];
    private readonly Dictionary<string, int> _apiPorts = new(StringComparer.Ordinal);
    private readonly bool _enabled;
    private ModbusTcpServer? _modbus;

    private SimulatorServers(bool enabled) => _enabled = enabled;

    /// <summary>The bound port of the SunSpec Modbus server (0 when the protocols are disabled).</summary>
    public int ModbusPort { get; private set; }

    /// <summary>TCP connections the SunSpec Modbus server has accepted (many real inverters allow only one).</summary>
    public long ModbusConnectionsAccepted => _modbus?.AcceptedConnections ?? 0;

    public static async Task<SimulatorServers> StartAsync(SimulatedSite site, SimulatedSiteOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(site);
        ArgumentNullException.ThrowIfNull(options);
        cancellationToken.ThrowIfCancellationRequested();
        var protocols = options.Protocols;
        var servers = new SimulatorServers(protocols.Enabled);
        if (!protocols.Enabled)
        {
            return servers;
        }
        try
        {
            var address = IPAddress.Parse(protocols.Host);
            var modbus = ModbusTcpServer.Start(
                address,
                protocols.ModbusPort,
                Units(site, options),
                "the SunSpec Modbus server of the simulated inverter, meter and battery (Simulator:Protocols:ModbusPort)");
            servers._servers.Add(modbus);
            servers.ModbusPort = modbus.Port;
            servers._modbus = modbus;
            for (var i = 0; i < options.Miners.Count; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var miner = options.Miners[i];
                var axeOs = string.Equals(miner.Api, MinerApis.AxeOs, StringComparison.OrdinalIgnoreCase);
                var purpose = $"the {(axeOs ? "AxeOS HTTP" : "cgminer")} API of simulated miner '{miner.Id}' (Simulator:Miners:{i}:ApiPort)";
                if (axeOs)
                {
                    var server = AxeOsHttpServer.Start(site, miner, address, miner.ApiPort, purpose);
                    servers._servers.Add(server);
                    servers._apiPorts[miner.Id] = server.Port;
                }
                else
                {
                    var server = CgminerApiServer.Start(site, miner, address, miner.ApiPort, purpose);
                    servers._servers.Add(server);
                    servers._apiPorts[miner.Id] = server.Port;
                }
            }
            if (protocols.ShellyPlugs)
            {
                servers._servers.Add(SimulatedShellyPlugs.Start(site, options));
            }
            if (protocols.PublishPrices)
            {
                servers._servers.Add(SimulatedPricePublisher.Start(site, protocols));
            }
            return servers;
        }
        catch
        {
            await servers.DisposeAsync();
            throw;
        }
    }

    /// <summary>The bound port of that miner's cgminer or AxeOS API.</summary>
    public int ApiPortOf(string minerId) =>
        _apiPorts.TryGetValue(minerId, out var port)
            ? port
            : throw new KeyNotFoundException(_enabled
                ? $"the simulated site has no miner '{minerId}'"
                : "the simulator's protocol servers are disabled (Simulator:Protocols:Enabled)");

    public async ValueTask DisposeAsync()
    {
        foreach (var server in _servers)
        {
            await server.DisposeAsync();
        }
        _servers.Clear();
    }

    private static Dictionary<byte, IModbusUnit> Units(SimulatedSite site, SimulatedSiteOptions options)
    {
        var p = options.Protocols;
        var (inverter, meter, battery) = ((byte)p.InverterUnit, (byte)p.MeterUnit, (byte)p.BatteryUnit);
        return new Dictionary<byte, IModbusUnit>
        {
            [inverter] = new SunSpecUnit(() => SunSpecMap.Inverter(site.ReadNow(), $"SIM-{options.InverterId}", inverter)),
            [meter] = new SunSpecUnit(() => SunSpecMap.Meter(site.ReadNow(), $"SIM-{options.MeterId}", meter)),
            [battery] = new SunSpecUnit(() => SunSpecMap.Battery(site.ReadNow(), options, $"SIM-{options.BatteryId}", battery)),
        };
    }
}
