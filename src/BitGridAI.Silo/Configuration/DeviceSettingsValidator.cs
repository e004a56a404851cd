using BitGridAI.Adapters.Drivers;
using BitGridAI.Adapters.Modbus;
using BitGridAI.Adapters.Mqtt;
using BitGridAI.Domain.Config;

namespace BitGridAI.Silo.Configuration;

/// <summary>Checks one configured device (after its template is applied), and the devices of a site together.</summary>
internal static class DeviceSettingsValidator
{
    private static readonly Dictionary<string, string[]> DriversByKind = new(StringComparer.Ordinal)
    {
        ["pv_inverter"] = ["sunspec", "mqtt"],
        ["grid_meter"] = ["sunspec", "mqtt"],
        ["battery"] = ["sunspec", "mqtt"],
        ["miner"] = ["cgminer", "axeos"],
        ["relay"] = ["shelly-gen2", "shelly-gen1", "modbus-coil"],
    };

    public static IEnumerable<(string Key, string Message)> Check(DeviceSettings d)
    {
        if (string.IsNullOrWhiteSpace(d.Id) || d.Id.Contains('/', StringComparison.Ordinal))
        {
            yield return ("Id", $"must be a non-empty name without '/' (got '{d.Id}')");
        }
        if (!DriversByKind.TryGetValue(d.Kind, out var drivers))
        {
            yield return ("Kind", $"must be one of {string.Join(", ", DriversByKind.Keys)} (got '{d.Kind}')");
            yield break;
        }
        if (!drivers.Contains(d.Driver, StringComparer.Ordinal))
        {
            yield return ("Driver", $"a {d.Kind} takes {string.Join(" or ", drivers)} (got '{d.Driver}')");
            yield break;
        }

        var networked = d.Driver is not ("mqtt" or "shelly-gen2" or "shelly-gen1");
        if (networked)
        {
            if (string.IsNullOrWhiteSpace(d.Host))
            {
                yield return ("Host", "required: the device's address on the LAN");
            }
            if (d.Port is < 1 or > 65535)
            {
                yield return ("Port", $"must be 1 to 65535 (got {d.Port})");
            }
            if (d.TimeoutMs is < 50 or > 60_000)
            {
                yield return ("TimeoutMs", $"must be 50 to 60000 (got {d.TimeoutMs})");
            }
        }
        if (d.Driver is "sunspec" or "modbus-coil")
        {
            if (d.Unit is < 0 or > 255)
            {
                yield return ("Unit", $"must be a Modbus unit id 0 to 255 (got {d.Unit})");
            }
            if (ParseWordOrder(d.WordOrder) is null)
            {
                yield return ("WordOrder", $"must be high_first or low_first (got '{d.WordOrder}')");
            }
            if (d.BaseAddress is < 0 or > 65535)
            {
                yield return ("BaseAddress", $"must be a 0-based register address 0 to 65535 (got {d.BaseAddress})");
            }
        }
        if (d.Kind == "grid_meter" && ParseMeterSign(d.MeterSign) is null)
        {
            yield return ("MeterSign", $"must be import_positive or export_positive (got '{d.MeterSign}')");
        }
        if (d.Kind == "miner")
        {
            foreach (var error in CheckMiner(d))
            {
                yield return error;
            }
        }
        // An MQTT device without mappings publishes in BitGridAI's own schema on bitgrid/{site}/devices/{id}/telemetry.
        if (d.Driver == "mqtt" && d.Signals.Count > 0)
        {
            foreach (var error in CheckMqttSignals(d))
            {
                yield return error;
            }
        }
        if (d.MarketPrices && d.Driver != "mqtt")
        {
            yield return ("MarketPrices", $"only a device on MQTT (driver mqtt) publishes market prices (got driver '{d.Driver}')");
        }
        if (d.Driver is "shelly-gen2" or "shelly-gen1" && string.IsNullOrWhiteSpace(d.Topic))
        {
            yield return ("Topic", "required: the plug's MQTT topic prefix (e.g. shellyplus1pm-a8032ab12345)");
        }
        if (d.Channel < 0 || (d.Driver == "modbus-coil" && d.Channel > 65535))
        {
            yield return ("Channel", $"must be a switch channel or coil address ≥ 0 (got {d.Channel})");
        }
    }

    /// <summary>Ids unique, relays named by miners exist and are relays, chip limits consistent with the site's.</summary>
    public static IEnumerable<string> CheckSite(IReadOnlyList<DeviceSettings> devices, EngineConfig engine)
    {
        foreach (var duplicate in devices.GroupBy(d => d.Id, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            yield return $"{duplicate.Last().Origin}: Id: '{duplicate.Key}' is used by {duplicate.Count()} devices";
        }
        foreach (var miner in devices.Where(d => d.Kind == "miner"))
        {
            if (miner.Relay is { Length: > 0 } relay && !devices.Any(d => d.Id == relay && d.Kind == "relay"))
            {
                yield return $"{miner.Origin}: Relay: no relay device '{relay}' is configured";
            }
            var max = Math.Min(engine.MaxChipTempC, miner.MaxChipTempC ?? double.MaxValue);
            var resume = Math.Min(engine.TResumeC, miner.ResumeChipTempC ?? double.MaxValue);
            if (resume >= max)
            {
                yield return $"{miner.Origin}: ResumeChipTempC: the resume temperature ({resume} °C) must lie below the chip limit ({max} °C)";
            }
        }
    }

    public static WordOrder? ParseWordOrder(string text) => text switch
    {
        "high_first" => WordOrder.HighFirst,
        "low_first" => WordOrder.LowFirst,
        _ => null,
    };

    public static MeterSign? ParseMeterSign(string text) => text switch
    {
        "import_positive" => MeterSign.ImportPositive,
        "export_positive" => MeterSign.ExportPositive,
        _ => null,
    };

    /// <summary>The MQTT adapter's own checks of a device mapping, with keys relative to the device.</summary>
    private static IEnumerable<(string Key, string Message)> CheckMqttSignals(DeviceSettings d)
    {
        const string prefix = MqttTelemetryOptions.Section + ":Devices[0]:";
        var options = new MqttTelemetryOptions { Devices = [new MqttDeviceMapping { Id = d.Id, Signals = d.Signals }] };
        foreach (var error in MqttTelemetryOptionsValidator.Check(options).Where(e => e.StartsWith(prefix, StringComparison.Ordinal)))
        {
            var split = error.IndexOf(": ", prefix.Length, StringComparison.Ordinal);
            yield return split < 0 ? ("Signals", error[prefix.Length..]) : (error[prefix.Length..split], error[(split + 2)..]);
        }
    }

    private static IEnumerable<(string Key, string Message)> CheckMiner(DeviceSettings d)
    {
        if (d.Driver == "cgminer" && d.Firmware is not ("avalon" or "luxos"))
        {
            yield return ("Firmware", $"a cgminer-family miner runs avalon or luxos (got '{d.Firmware}')");
        }
        foreach (var name in MinerModes.Names)
        {
            if (!d.Modes.TryGetValue(name, out var mode))
            {
                yield return ($"Modes:{name}", "required: every miner defines eco, standard and super");
                continue;
            }
            if (mode.PowerW is <= 0 or > 20_000 || !double.IsFinite(mode.PowerW))
            {
                yield return ($"Modes:{name}:PowerW", $"must be the mode's draw in W, above 0 (got {mode.PowerW})");
            }
            if (d.Firmware == "avalon" && d.Driver == "cgminer" && mode.WorkMode is not (>= 0 and <= 2))
            {
                yield return ($"Modes:{name}:WorkMode", $"must be an Avalon work mode 0, 1 or 2 (got {mode.WorkMode?.ToString() ?? "nothing"})");
            }
            if (d.Firmware == "luxos" && string.IsNullOrWhiteSpace(mode.Profile))
            {
                yield return ($"Modes:{name}:Profile", "required: the LuxOS profile name for this mode");
            }
            if (d.Driver == "axeos" && (mode.FrequencyMhz is null) != (mode.CoreVoltageMv is null))
            {
                yield return ($"Modes:{name}", "FrequencyMhz and CoreVoltageMv go together (set both or neither)");
            }
        }
        foreach (var extra in d.Modes.Keys.Except(MinerModes.Names, StringComparer.Ordinal))
        {
            yield return ($"Modes:{extra}", "unknown mode; the modes are eco, standard and super");
        }
        if (d.RatedPowerW is <= 0)
        {
            yield return ("RatedPowerW", $"must be above 0 W (got {d.RatedPowerW})");
        }
        if (d.RatedHashrateThs is < 0 or > 100_000 || d.RatedHashrateThs is double.NaN)
        {
            yield return ("RatedHashrateThs", $"must be 0 to 100000 TH/s (got {d.RatedHashrateThs})");
        }
        if (d.MaxChipTempC is <= 0 or > 95)
        {
            yield return ("MaxChipTempC", $"must be above 0 and at most 95 °C (got {d.MaxChipTempC})");
        }
        if (d.MaxChipTempC is not null && d.ResumeChipTempC is null)
        {
            yield return ("ResumeChipTempC", "required with MaxChipTempC: the temperature at which a lockout may release");
        }
        if (d.Relay is { Length: > 0 } && d.Relay.Contains('/', StringComparison.Ordinal))
        {
            yield return ("Relay", $"must be a device id (got '{d.Relay}')");
        }
    }
}
