namespace BitGridAI.Simulator;

/// <summary>Checks <see cref="SimulatedSiteOptions"/>, naming every wrong key and what is allowed.</summary>
public static class SimulatedSiteOptionsValidator
{
    public static IReadOnlyList<string> Check(SimulatedSiteOptions options)
    {
        var errors = new List<string>();
        void Range(string key, double value, double min, double max)
        {
            if (!double.IsFinite(value) || value < min || value > max)
            {
                errors.Add($"Simulator:{key}: must be a number from {min} to {max} (got {value})");
            }
        }
        Range("PvPeakW", options.PvPeakW, 0, 1_000_000);
        Range("BatteryCapacityWh", options.BatteryCapacityWh, 1, 10_000_000);
        Range("MaxChargeW", options.MaxChargeW, 0, 1_000_000);
        Range("MaxDischargeW", options.MaxDischargeW, 0, 1_000_000);
        Range("ChargeEfficiency", options.ChargeEfficiency, 0.01, 1);
        Range("InitialSocPct", options.InitialSocPct, 0, 100);
        Range("BatteryFloorPct", options.BatteryFloorPct, 0, 100);
        Range("HouseBaseLoadW", options.HouseBaseLoadW, 0, 1_000_000);
        Range("AmbientC", options.AmbientC, -40, 60);
        Range("FanFailuresPerDay", options.FanFailuresPerDay, 0, 100);
        Range("CommLossesPerDay", options.CommLossesPerDay, 0, 100);
        void Port(string key, int port)
        {
            if (port is < 0 or > 65535)
            {
                errors.Add($"Simulator:{key}: must be a port from 0 (any free one) to 65535 (got {port})");
            }
        }
        if (options.Miners.Count == 0)
        {
            errors.Add("Simulator:Miners: at least one miner is needed");
        }
        for (var i = 0; i < options.Miners.Count; i++)
        {
            var miner = options.Miners[i];
            var key = $"Miners:{i}";
            Range($"{key}:EcoPowerW", miner.EcoPowerW, 0, miner.StandardPowerW);
            Range($"{key}:StandardPowerW", miner.StandardPowerW, 1, 100_000);
            Range($"{key}:SuperPowerW", miner.SuperPowerW, miner.StandardPowerW, 100_000);
            Range($"{key}:HeatRiseAtStandardK", miner.HeatRiseAtStandardK, 0, 200);
            Range($"{key}:ThermalTimeConstantMin", miner.ThermalTimeConstantMin, 0.1, 600);
            if (!string.Equals(miner.Api, MinerApis.Cgminer, StringComparison.OrdinalIgnoreCase)
                && !string.Equals(miner.Api, MinerApis.AxeOs, StringComparison.OrdinalIgnoreCase))
            {
                errors.Add($"Simulator:{key}:Api: must be {MinerApis.Cgminer} or {MinerApis.AxeOs} (got '{miner.Api}')");
            }
            Port($"{key}:ApiPort", miner.ApiPort);
            CheckFirmware(miner, key, errors, Range);
        }
        CheckProtocols(options, errors);
        var ids = new[] { options.InverterId, options.BatteryId, options.MeterId }.Concat(options.Miners.Select(m => m.Id)).ToList();
        foreach (var id in ids.Where(string.IsNullOrWhiteSpace).Take(1))
        {
            errors.Add("Simulator: every device needs a non-empty id");
        }
        foreach (var duplicate in ids.Where(id => !string.IsNullOrWhiteSpace(id)).GroupBy(id => id).Where(g => g.Count() > 1))
        {
            errors.Add($"Simulator: device id '{duplicate.Key}' is used twice");
        }
        return errors;
    }

    /// <summary>What the miner's firmware needs: a known cgminer-family firmware, distinct LuxOS profiles, rising AxeOS frequencies.</summary>
    private static void CheckFirmware(SimulatedMinerOptions miner, string key, List<string> errors, Action<string, double, double, double> range)
    {
        range($"{key}:StandardHashrateThs", miner.StandardHashrateThs, 0, 1_000_000);
        if (miner.EcoHashrateThs is { } eco)
        {
            range($"{key}:EcoHashrateThs", eco, 0, miner.StandardHashrateThs);
        }
        if (miner.SuperHashrateThs is { } super)
        {
            range($"{key}:SuperHashrateThs", super, miner.StandardHashrateThs, 1_000_000);
        }
        if (string.Equals(miner.Api, MinerApis.AxeOs, StringComparison.OrdinalIgnoreCase))
        {
            // Rising frequencies, inside what AxeOS takes, so that each mode has its own point on the power curve.
            range($"{key}:EcoFrequencyMhz", miner.EcoFrequencyMhz, Protocols.AxeOsHttpServer.MinFrequencyMhz, miner.StandardFrequencyMhz - 1);
            range($"{key}:StandardFrequencyMhz", miner.StandardFrequencyMhz, Protocols.AxeOsHttpServer.MinFrequencyMhz, Protocols.AxeOsHttpServer.MaxFrequencyMhz);
            range($"{key}:SuperFrequencyMhz", miner.SuperFrequencyMhz, miner.StandardFrequencyMhz + 1, Protocols.AxeOsHttpServer.MaxFrequencyMhz);
            return;
        }
        if (!string.Equals(miner.Firmware, MinerFirmwares.Avalon, StringComparison.OrdinalIgnoreCase)
            && !string.Equals(miner.Firmware, MinerFirmwares.LuxOs, StringComparison.OrdinalIgnoreCase))
        {
            errors.Add($"Simulator:{key}:Firmware: must be {MinerFirmwares.Avalon} or {MinerFirmwares.LuxOs} (got '{miner.Firmware}')");
        }
        if (string.Equals(miner.Firmware, MinerFirmwares.LuxOs, StringComparison.OrdinalIgnoreCase))
        {
            string[] profiles = [miner.EcoProfile, miner.StandardProfile, miner.SuperProfile];
            // A comma would split profileset's parameter; two modes under one name could not be told apart.
            if (profiles.Any(p => string.IsNullOrWhiteSpace(p) || p.Contains(',', StringComparison.Ordinal)) || profiles.Distinct(StringComparer.Ordinal).Count() < 3)
            {
                errors.Add($"Simulator:{key}: EcoProfile, StandardProfile and SuperProfile must be three different non-empty names without commas (got '{string.Join("', '", profiles)}')");
            }
        }
    }

    private static void CheckProtocols(SimulatedSiteOptions options, List<string> errors)
    {
        var protocols = options.Protocols;
        if (!System.Net.IPAddress.TryParse(protocols.Host, out _))
        {
            errors.Add($"Simulator:Protocols:Host: must be an IP address such as 127.0.0.1 (got '{protocols.Host}')");
        }
        if (protocols.ModbusPort is < 0 or > 65535)
        {
            errors.Add($"Simulator:Protocols:ModbusPort: must be a port from 0 (any free one) to 65535 (got {protocols.ModbusPort})");
        }
        if (protocols.MqttPort is < 1 or > 65535)
        {
            errors.Add($"Simulator:Protocols:MqttPort: must be a port from 1 to 65535 (got {protocols.MqttPort})");
        }
        if ((protocols.ShellyPlugs || protocols.PublishPrices) && string.IsNullOrWhiteSpace(protocols.MqttHost))
        {
            errors.Add("Simulator:Protocols:MqttHost: the broker's host is needed for ShellyPlugs and PublishPrices");
        }
        if (protocols.PublishPrices && (string.IsNullOrWhiteSpace(protocols.PriceTopic) || protocols.PriceTopic.IndexOfAny(['+', '#']) >= 0))
        {
            errors.Add($"Simulator:Protocols:PriceTopic: must be one exact topic without wildcards (got '{protocols.PriceTopic}')");
        }
        var units = new[] { ("InverterUnit", protocols.InverterUnit), ("MeterUnit", protocols.MeterUnit), ("BatteryUnit", protocols.BatteryUnit) };
        foreach (var (key, unit) in units.Where(u => u.Item2 is < 1 or > 247))
        {
            errors.Add($"Simulator:Protocols:{key}: must be a Modbus unit id from 1 to 247 (got {unit})");
        }
        foreach (var shared in units.GroupBy(u => u.Item2).Where(g => g.Count() > 1))
        {
            errors.Add($"Simulator:Protocols: {string.Join(" and ", shared.Select(u => u.Item1))} share unit id {shared.Key}");
        }
        var ports = options.Miners.Select((m, i) => ($"Miners:{i}:ApiPort", m.ApiPort)).Append(("Protocols:ModbusPort", protocols.ModbusPort));
        foreach (var shared in ports.Where(p => p.Item2 > 0).GroupBy(p => p.Item2).Where(g => g.Count() > 1))
        {
            errors.Add($"Simulator: {string.Join(" and ", shared.Select(p => p.Item1))} are all set to port {shared.Key}");
        }
    }
}
