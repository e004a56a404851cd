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
            RatedHashrateThs = d.RatedHashrateThs ?? 0,
            EcoDrawW = d.Kind == "miner" ? d.Modes.GetValueOrDefault("eco")?.PowerW : null,
            SuperDrawW = d.Kind == "miner" ? d.Modes.GetValueOrDefault("super")?.PowerW : null,
            // A device speaks only through its own channel: a polled one's readings and contact come from its driver alone.
            Channel = d.Driver == "mqtt" ? TelemetryChannel.Pushed : TelemetryChannel.Polled,
            // Mapped topics carry their mapped signals; a device in BitGridAI's own schema the signals of its kind.
            PushedSignals = d.Driver != "mqtt" ? []
                : [.. (d.Signals.Count > 0 ? d.Signals.Select(m => m.Signal) : SignalsOf(d.Kind))
                    .Select(name => SignalInfo.TryParse(name, out var signal) ? signal : Signal.Unknown).Distinct()],
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
        var modbus = ModbusConnections(devices);
        foreach (var d in devices)
        {
            var timeout = TimeSpan.FromMilliseconds(d.TimeoutMs);
            switch (d.Driver)
            {
                case "sunspec":
                    var layout = new SunSpecLayout(d.BaseAddress is { } b ? (ushort)b : null, DeviceSettingsValidator.ParseWordOrder(d.WordOrder)!.Value);
                    var sign = d.Kind == "grid_meter" ? DeviceSettingsValidator.ParseMeterSign(d.MeterSign)!.Value : MeterSign.ImportPositive;
                    drivers[d.Id] = new SunSpecDriver(KindOf(d.Kind), modbus[Endpoint(d)], (byte)d.Unit, layout, sign);
                    break;
                case "cgminer":
                    var firmware = d.Firmware == "luxos" ? CgminerFirmware.LuxOs : CgminerFirmware.Avalon;
                    drivers[d.Id] = new CgminerDriver(new CgminerClient(d.Host!, d.Port, timeout), firmware, new MinerModes(d.Modes), siteClock.Time);
                    break;
                case "axeos":
                    drivers[d.Id] = new AxeOsDriver(AxeOsClient.Create(d.Host!, d.Port, timeout), new MinerModes(d.Modes));
                    break;
                case "mqtt":
                    drivers[d.Id] = null; // pushed: the MQTT adapter hands its telemetry to the grain
                    break;
                case "modbus-coil":
                    relays[d.Id] = new ModbusCoilRelay(modbus[Endpoint(d)], (byte)d.Unit, (ushort)d.Channel);
                    break;
                default:
                    break; // MQTT plugs: switched by the MQTT relay port
            }
        }
        return new DriverPorts(drivers, relays, mqttRelays, siteClock, realTime, connections: [.. modbus.Values]);
    }

    /// <summary>
    /// One Modbus TCP client per host and port, shared by every device behind it (an inverter, its meter and
    /// its battery as units of one gateway): many devices accept a single connection and refuse or drop a
    /// second, and the client's one-request-in-flight gate serializes their polls. The connection waits as
    /// long as the most patient of its devices allows.
    /// </summary>
    private static Dictionary<string, ModbusTcpClient> ModbusConnections(IEnumerable<DeviceSettings> devices) =>
        devices.Where(d => d.Driver is "sunspec" or "modbus-coil")
            .GroupBy(Endpoint, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(
                g => g.Key,
                g => new ModbusTcpClient(g.First().Host!, g.First().Port, TimeSpan.FromMilliseconds(g.Max(d => d.TimeoutMs))),
                StringComparer.OrdinalIgnoreCase);

    private static string Endpoint(DeviceSettings d) => $"{d.Host}:{d.Port}";

    /// <summary>The signals a device of this kind may report when it pushes them over MQTT (docs/mqtt.md).</summary>
    public static IEnumerable<string> SignalsOf(string kind) => kind switch
    {
        "pv_inverter" => ["pv_power_w", "pv_forecast_kw"],
        "grid_meter" => ["grid_import_w", "grid_export_w", "house_load_w", "energy_price_ct_kwh"],
        "battery" => ["battery_soc_pct", "battery_power_w"],
        _ => [],
    };

    /// <summary>What a device with <c>MarketPrices</c> may publish besides its kind's signals.</summary>
    public static IReadOnlyList<string> MarketPriceSignals { get; } = [.. SignalInfo.MarketPrices.Select(SignalInfo.Name)];

    private static DeviceKind KindOf(string kind) => kind switch
    {
        "pv_inverter" => DeviceKind.PvInverter,
        "grid_meter" => DeviceKind.GridMeter,
        "battery" => DeviceKind.Battery,
        "miner" => DeviceKind.Miner,
        _ => DeviceKind.Unknown,
    };
}
