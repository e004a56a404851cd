using BitGridAI.Adapters.Drivers;
using BitGridAI.Adapters.Mqtt;

namespace BitGridAI.Silo.Configuration;

/// <summary>
/// One device of the site as configured: a template from <c>silo-config/templates/</c> gives the model's
/// defaults (kind, driver, port, modes, limits), the site's <c>Site:Devices</c> entry adds where it is
/// (host, port, unit, ids) and may override any of them.
/// </summary>
public sealed class DeviceSettings
{
    public string Id { get; set; } = "";

    /// <summary>Template name: the file name in the templates folder without <c>.json</c>.</summary>
    public string Template { get; set; } = "";

    public string? Description { get; set; }

    /// <summary>pv_inverter, grid_meter, battery, miner or relay.</summary>
    public string Kind { get; set; } = "";

    /// <summary>sunspec, cgminer, axeos, mqtt, shelly-gen2, shelly-gen1 or modbus-coil.</summary>
    public string Driver { get; set; } = "";

    /// <summary>cgminer family: avalon or luxos.</summary>
    public string? Firmware { get; set; }

    public string? Host { get; set; }
    public int Port { get; set; }

    /// <summary>Modbus unit id (1–247).</summary>
    public int Unit { get; set; } = 1;

    /// <summary>Modbus: 0-based address of the SunSpec "SunS" marker; unset = search 40000, 0, 50000.</summary>
    public int? BaseAddress { get; set; }

    /// <summary>Modbus: high_first (SunSpec) or low_first.</summary>
    public string WordOrder { get; set; } = "high_first";

    /// <summary>Meters: import_positive or export_positive.</summary>
    public string MeterSign { get; set; } = "import_positive";

    /// <summary>How long one request may take.</summary>
    public int TimeoutMs { get; set; } = 2000;

    /// <summary>Miners: the draw reserved when it runs (defaults to its standard mode's power).</summary>
    public double? RatedPowerW { get; set; }

    /// <summary>Miners: hashrate in the standard mode in TH/s; the KPIs estimate sats mined from it (0 or unset: unknown).</summary>
    public double? RatedHashrateThs { get; set; }

    /// <summary>Miners: decided first when lower.</summary>
    public int Priority { get; set; }

    /// <summary>Miners: the id of the relay device in its power line.</summary>
    public string? Relay { get; set; }

    /// <summary>Miners: the chip's own limit, used when stricter than the site's max_chip_temp_c.</summary>
    public double? MaxChipTempC { get; set; }

    /// <summary>Miners: the chip's resume temperature, used when stricter than the site's t_resume_c.</summary>
    public double? ResumeChipTempC { get; set; }

    /// <summary>Miners: eco, standard and super as this model sets them.</summary>
    public Dictionary<string, MinerModeSettings> Modes { get; set; } = [];

    /// <summary>Devices on MQTT: each signal's topic, JSON path, scale and offset (docs/mqtt.md).</summary>
    public List<MqttSignalMapping> Signals { get; set; } = [];

    /// <summary>
    /// Devices on MQTT: may also publish the market prices (<c>hashprice_sats_th_day</c>, <c>btc_price_eur</c>) in
    /// BitGridAI's schema, besides the signals of their kind. Off by default: a price is no meter's own reading, so
    /// the user names the one device that speaks for the market (docs/energy-path.md).
    /// </summary>
    public bool MarketPrices { get; set; }

    /// <summary>Relays on MQTT: the plug's topic prefix; on Modbus: unused.</summary>
    public string? Topic { get; set; }

    /// <summary>Relays: switch channel (Shelly) or coil address (Modbus).</summary>
    public int Channel { get; set; }

    /// <summary>Where this device was configured, for error messages: "file: Site:Devices[i] (id)".</summary>
    internal string Origin { get; set; } = "";
}
