using BitGridAI.Domain.Decisions;

namespace BitGridAI.Domain.Config;

/// <summary>The registry of configuration keys (RULES.md §3), in the order the rules use them.</summary>
public static class ConfigKeys
{
    private const double Any = double.PositiveInfinity;

    public const string DataFailSafeName = "data_fail_safe";

    public static IReadOnlyList<ConfigKey> Numeric { get; } =
    [
        new("surplus_min_kw", -Any, Any, false, false, c => c.SurplusMinKw, (c, v) => c with { SurplusMinKw = v!.Value }),
        new("price_max_ct_kwh", -Any, Any, false, true, c => c.PriceMaxCtKwh, (c, v) => c with { PriceMaxCtKwh = v }),
        new("surplus_throttle_min_kw", -Any, Any, false, false, c => c.SurplusThrottleMinKw, (c, v) => c with { SurplusThrottleMinKw = v!.Value }),
        new("surplus_stop_kw", -Any, Any, false, false, c => c.SurplusStopKw, (c, v) => c with { SurplusStopKw = v!.Value }),
        new("soc_soft_min_pct", 0, 100, false, false, c => c.SocSoftMinPct, (c, v) => c with { SocSoftMinPct = v!.Value }),
        new("soc_hard_min_pct", 0, 100, false, false, c => c.SocHardMinPct, (c, v) => c with { SocHardMinPct = v!.Value }),
        new("max_grid_import_w", 0, Any, false, false, c => c.MaxGridImportW, (c, v) => c with { MaxGridImportW = v!.Value }),
        new("max_chip_temp_c", -40, 95, false, false, c => c.MaxChipTempC, (c, v) => c with { MaxChipTempC = v!.Value }),
        new("t_resume_c", -40, 95, false, false, c => c.TResumeC, (c, v) => c with { TResumeC = v!.Value }),
        new("comm_timeout_sec", 0, 300, false, false, c => c.CommTimeoutSec, (c, v) => c with { CommTimeoutSec = v!.Value }),
        new("safety_lockout_min", 0, Any, false, false, c => c.SafetyLockoutMin, (c, v) => c with { SafetyLockoutMin = v!.Value }),
        new("min_predicted_surplus_kw", -Any, Any, false, false, c => c.MinPredictedSurplusKw, (c, v) => c with { MinPredictedSurplusKw = v!.Value }),
        new("price_spike_threshold_ct", -Any, Any, false, false, c => c.PriceSpikeThresholdCt, (c, v) => c with { PriceSpikeThresholdCt = v!.Value }),
        new("deadband_hold_blocks", 0, int.MaxValue, true, false, c => c.DeadbandHoldBlocks, (c, v) => c with { DeadbandHoldBlocks = (int)v!.Value }),
        new("min_runtime_blocks", 0, int.MaxValue, true, false, c => c.MinRuntimeBlocks, (c, v) => c with { MinRuntimeBlocks = (int)v!.Value }),
        new("min_pause_blocks", 0, int.MaxValue, true, false, c => c.MinPauseBlocks, (c, v) => c with { MinPauseBlocks = (int)v!.Value }),
        new("soc_stop_pct", 0, 100, false, false, c => c.SocStopPct, (c, v) => c with { SocStopPct = v!.Value }),
        new("soc_eco_start_pct", 0, 100, false, false, c => c.SocEcoStartPct, (c, v) => c with { SocEcoStartPct = v!.Value }),
        new("soc_standard_pct", 0, 100, false, false, c => c.SocStandardPct, (c, v) => c with { SocStandardPct = v!.Value }),
        new("soc_super_pct", 0, 100, false, false, c => c.SocSuperPct, (c, v) => c with { SocSuperPct = v!.Value }),
        new("pv_start_w", 0, Any, false, false, c => c.PvStartW, (c, v) => c with { PvStartW = v!.Value }),
        new("max_override_min", 1, 1440, true, false, c => c.MaxOverrideMin, (c, v) => c with { MaxOverrideMin = (int)v!.Value }),
        new("fleet_reserve_w", 0, Any, false, false, c => c.FleetReserveW, (c, v) => c with { FleetReserveW = v!.Value }),
        new("fleet_hysteresis_w", 0, Any, false, false, c => c.FleetHysteresisW, (c, v) => c with { FleetHysteresisW = v!.Value }),
    ];

    /// <summary>Every key name, data_fail_safe included.</summary>
    public static IEnumerable<string> AllNames => Numeric.Select(k => k.Name).Append(DataFailSafeName);

    public static ConfigKey? Find(string name) => Numeric.FirstOrDefault(k => k.Name == name);

    /// <summary>Parses data_fail_safe's text form ("stop" or "hold").</summary>
    public static bool TryParseDataFailSafe(string? text, out DataFailSafe value)
    {
        value = text switch
        {
            "stop" => DataFailSafe.Stop,
            "hold" => DataFailSafe.Hold,
            _ => DataFailSafe.Unknown,
        };
        return value != DataFailSafe.Unknown;
    }

    public static string Name(DataFailSafe value) => value == DataFailSafe.Hold ? "hold" : "stop";
}
