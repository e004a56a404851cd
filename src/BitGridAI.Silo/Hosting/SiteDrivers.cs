using BitGridAI.Adapters.Drivers;
using BitGridAI.Adapters.Miners;
using BitGridAI.Adapters.Modbus;
using BitGridAI.Adapters.Mqtt;
using BitGridAI.Adapters.SunSpec;
using BitGridAI.Domain.Signals;
using BitGridAI.Grains.Abstractions.Ports;
using BitGridAI.Grains.Abstractions.Site;
using BitGridAI.Silo.Configuration;

namespace BitGridAI.Silo.Hosting;

/// <summary>
/// Turns the validated device settings into what the grains see (device definitions) and what talks to the
/// devices (drivers behind the grains' ports). Adding a device of a supported kind is configuration only.
/// </summary>
internal static class SiteDrivers
{
    public static IReadOnlyList<DeviceDefinition> Definitions(IEnumerable<DeviceSettings> devices) =>
    [
        .. devices.Where(d => d.Kind != "relay").Select(d => new DeviceDefinition(
            d.Id,
            KindOf(d.Kind),
            d.Kind == "miner" ? d.RatedPowerW ?? d.Modes["standard"].PowerW : 0,
            d.Priority,
            string.IsNullOrEmpty(d.Relay) ? null : d.Relay)
        {
            MaxChipTempC = d.MaxChipTempC,
            ResumeChipTempC = d.ResumeChipTempC,
            // A device speaks only through its own channel: a polled one's readings and contact come from its driver alone.
            Channel = d.Driver == "mqtt" ? TelemetryChannel.Pushed : TelemetryChannel.Polled,
            PushedSignals = d.Driver == "mqtt" ? [.. d.Signals.Select(m => SignalInfo.TryParse(m.Signal, out var signal) ? signal : Signal.Unknown).Distinct()] : [],
        }),
    ];

    /// <summary>The relays switched over MQTT (Shelly plugs), for the MQTT relay port.</summary>
    public static IEnumerable<MqttRelayDefinition> MqttRelays(IEnumerable<DeviceSettings> devices) =>
        devices.Where(d => d.Driver is "shelly-gen2" or "shelly-gen1")
            .Select(d => new MqttRelayDefinition { Id = d.Id, Protocol = d.Driver, Topic = d.Topic!, Channel = d.Channel });

    public static DriverPorts Ports(IReadOnlyList<DeviceSettings> devices, IRelayPort? mqttRelays, SiteClock siteClock, TimeProvider realTime)
    {
        var drivers = new Dictionary<string, IDeviceDriver?>(StringComparer.Ordinal);
        var relays = new Dictionary<string, IRelayDriver>(StringComparer.Ordinal);
        foreach (var d in devices)
        {
            var timeout = TimeSpan.FromMilliseconds(d.TimeoutMs);
            switch (d.Driver)
            {
                case "sunspec":
                    var layout = new SunSpecLayout(d.BaseAddress is { } b ? (ushort)b : null, DeviceSettingsValidator.ParseWordOrder(d.WordOrder)!.Value);
                    var sign = d.Kind == "grid_meter" ? DeviceSettingsValidator.ParseMeterSign(d.MeterSign)!.Value : MeterSign.ImportPositive;
                    drivers[d.Id] = new SunSpecDriver(KindOf(d.Kind), new ModbusTcpClient(d.Host!, d.Port, timeout), (byte)d.Unit, layout, sign);
                    break;
                case "cgminer":
                    var firmware = d.Firmware == "luxos" ? CgminerFirmware.LuxOs : CgminerFirmware.Avalon;
                    drivers[d.Id] = new CgminerDriver(new CgminerClient(d.Host!, d.Port, timeout), firmware, new MinerModes(d.Modes), siteClock.Time);
                    break;
                case "axeos":
                    var http = new HttpClient { BaseAddress = new Uri($"http://{d.Host}:{d.Port}"), Timeout = timeout };
                    drivers[d.Id] = new AxeOsDriver(new AxeOsClient(http), new MinerModes(d.Modes));
                    break;
                case "mqtt":
                    drivers[d.Id] = null; // pushed: the MQTT adapter hands its telemetry to the grain
                    break;
                case "modbus-coil":
                    relays[d.Id] = new ModbusCoilRelay(new ModbusTcpClient(d.Host!, d.Port, timeout), (byte)d.Unit, (ushort)d.Channel);
                    break;
                default:
                    break; // MQTT plugs: switched by the MQTT relay port
            }
        }
        return new DriverPorts(drivers, relays, mqttRelays, siteClock, realTime);
    }

    private static DeviceKind KindOf(string kind) => kind switch
    {
        "pv_inverter" => DeviceKind.PvInverter,
        "grid_meter" => DeviceKind.GridMeter,
        "battery" => DeviceKind.Battery,
        "miner" => DeviceKind.Miner,
        _ => DeviceKind.Unknown,
    };
}
