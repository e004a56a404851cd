namespace BitGridAI.Simulator;

/// <summary>
/// The real protocols the simulated site serves on loopback (section <c>Simulator:Protocols</c>): one SunSpec
/// Modbus TCP server for the inverter, meter and battery (one unit id each), and each miner's own API on the
/// port set in its <see cref="SimulatedMinerOptions.ApiPort"/>.
/// </summary>
public sealed class SimulatedProtocolOptions
{
    /// <summary>Off: the site is only reachable through the grains' ports, nothing listens.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The address every server binds; loopback by default so nothing is exposed to the network.</summary>
    public string Host { get; set; } = "127.0.0.1";

    /// <summary>The Modbus TCP port (502 needs root; 5020 is the usual unprivileged stand-in); 0 picks a free one.</summary>
    public int ModbusPort { get; set; } = 5020;

    public int InverterUnit { get; set; } = 1;
    public int MeterUnit { get; set; } = 2;
    public int BatteryUnit { get; set; } = 3;
}
