namespace BitGridAI.Silo.Tests;

/// <summary>
/// Command-line arguments that give one silo of the standalone configuration its own data directory and
/// free ports for everything it listens on — Orleans, the MQTT broker, the simulator's SunSpec server and
/// the three miners' APIs — with the site's devices pointed at the simulator's ports, so tests never meet each other.
/// </summary>
internal sealed record IsolatedSilo(int MqttPort, int ModbusPort, int MinerApiPort, int ApiPort, int LuxOsApiPort, int BitaxeApiPort)
{
    public static IsolatedSilo WithFreePorts() => new(
        SiloProcess.FreePort(), SiloProcess.FreePort(), SiloProcess.FreePort(), SiloProcess.FreePort(), SiloProcess.FreePort(), SiloProcess.FreePort());

    public string[] Args(string dataDir, int speed) =>
    [
        "--data-dir", dataDir, "--speed", speed.ToString(System.Globalization.CultureInfo.InvariantCulture),
        $"--Mqtt:Port={MqttPort}", $"--Api:Url=http://127.0.0.1:{ApiPort}", $"--Silo:SiloPort={SiloProcess.FreePort()}", $"--Silo:GatewayPort={SiloProcess.FreePort()}",
        $"--Simulator:Protocols:ModbusPort={ModbusPort}", $"--Site:Devices:0:Port={ModbusPort}", $"--Site:Devices:1:Port={ModbusPort}",
        $"--Site:Devices:2:Port={ModbusPort}", $"--Simulator:Miners:0:ApiPort={MinerApiPort}", $"--Site:Devices:3:Port={MinerApiPort}",
        .. FleetArgs(LuxOsApiPort, BitaxeApiPort),
    ];

    /// <summary>
    /// Points standalone.json's miner-2 (LuxOS, Site:Devices:6) and miner-3 (Bitaxe, Site:Devices:7) at these ports;
    /// <paramref name="simulated"/>: the simulator serves them there too.
    /// </summary>
    public static string[] FleetArgs(int luxOsPort, int bitaxePort, bool simulated = true) =>
    [
        .. simulated ? new[] { $"--Simulator:Miners:1:ApiPort={luxOsPort}", $"--Simulator:Miners:2:ApiPort={bitaxePort}" } : [],
        $"--Site:Devices:6:Port={luxOsPort}", $"--Site:Devices:7:Port={bitaxePort}",
    ];
}
