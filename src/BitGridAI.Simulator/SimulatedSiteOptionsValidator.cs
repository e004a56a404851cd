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
        }
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
}
