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

    /// <summary>
    /// Each miner's relay as a Shelly plug on the MQTT broker at <see cref="MqttHost"/>:<see cref="MqttPort"/>,
    /// its topic prefix the relay id: Gen2 <c>Switch.Set</c> RPC on <c>{relay}/rpc</c> and Gen1
    /// <c>shellies/{relay}/relay/0/command</c>. Off by default: it needs a broker.
    /// </summary>
    public bool ShellyPlugs { get; set; }

    /// <summary>
    /// The site's import price (<see cref="SimulatedTariff"/>) published over MQTT in BitGridAI's telemetry schema
    /// to <see cref="PriceTopic"/> every 5 minutes of site time, as a smart meter or a tariff service would.
    /// Off by default: it needs a broker.
    /// </summary>
    public bool PublishPrices { get; set; }

    /// <summary>
    /// With <see cref="PublishPrices"/>: the market prices (<see cref="SimulatedTariff.HashpriceSatsPerThDay"/>,
    /// <see cref="SimulatedTariff.BtcPriceEur"/>) go out in the same message. Off by default; the silo turns it on when
    /// the price device may publish them (its <c>MarketPrices</c>), so no other site sees them refused.
    /// </summary>
    public bool PublishMarketPrices { get; set; }

    /// <summary>Where the prices go: the telemetry topic of a device configured for MQTT, e.g. <c>bitgrid/home/devices/tariff-1/telemetry</c>.</summary>
    public string PriceTopic { get; set; } = "bitgrid/home/devices/tariff-1/telemetry";

    public string MqttHost { get; set; } = "127.0.0.1";
    public int MqttPort { get; set; } = 1883;
}
