using BitGridAI.Domain.Config;
using BitGridAI.Domain.Decisions;

namespace BitGridAI.Domain.Tests.Configuration;

/// <summary>RULES.md §3: validation at load names the key and the allowed range.</summary>
public sealed class ConfigValidatorTests
{
    private static EngineConfig With(string key, double? value) => ConfigKeys.Find(key)!.With(EngineConfig.Default, value);

    [Fact]
    public void AcceptsTheDefaults()
    {
        Assert.Empty(ConfigValidator.Validate(EngineConfig.Default));
    }

    public static TheoryData<string, EngineConfig, string, string> Invalid => new()
    {
        { "negative lockout duration", With("safety_lockout_min", -1), "safety_lockout_min", "≥ 0" },
        { "negative comm timeout", With("comm_timeout_sec", -1), "comm_timeout_sec", "from 0 to 300" },
        { "comm timeout above 300 s", With("comm_timeout_sec", 301), "comm_timeout_sec", "from 0 to 300" },
        { "chip limit above 95 °C", With("max_chip_temp_c", 95.1), "max_chip_temp_c", "to 95" },
        { "negative deadband", With("deadband_hold_blocks", -1), "deadband_hold_blocks", "whole number" },
        { "negative min runtime", With("min_runtime_blocks", -1), "min_runtime_blocks", "whole number" },
        { "negative min pause", With("min_pause_blocks", -1), "min_pause_blocks", "whole number" },
        { "negative grid limit", With("max_grid_import_w", -1), "max_grid_import_w", "≥ 0" },
        { "negative pv_start_w", With("pv_start_w", -1), "pv_start_w", "≥ 0" },
        { "soc_soft_min_pct above 100", With("soc_soft_min_pct", 100.1), "soc_soft_min_pct", "from 0 to 100" },
        { "soc_hard_min_pct below 0", With("soc_hard_min_pct", -0.1), "soc_hard_min_pct", "from 0 to 100" },
        { "soc_stop_pct above 100", With("soc_stop_pct", 101), "soc_stop_pct", "from 0 to 100" },
        { "soc_eco_start_pct below 0", With("soc_eco_start_pct", -1), "soc_eco_start_pct", "from 0 to 100" },
        { "soc_standard_pct above 100", With("soc_standard_pct", 120), "soc_standard_pct", "from 0 to 100" },
        { "soc_super_pct above 100", With("soc_super_pct", 100.5), "soc_super_pct", "from 0 to 100" },
        { "hard minimum above soft minimum", With("soc_hard_min_pct", 60), "soc_hard_min_pct", "soc_soft_min_pct" },
        { "stop threshold above throttle threshold", With("surplus_stop_kw", 0.9), "surplus_stop_kw", "surplus_throttle_min_kw" },
        { "throttle threshold above start threshold", With("surplus_throttle_min_kw", 1.6), "surplus_throttle_min_kw", "surplus_min_kw" },
        { "resume temperature equal to the chip limit", With("t_resume_c", 85), "t_resume_c", "max_chip_temp_c" },
        { "resume temperature above the chip limit", With("t_resume_c", 90), "t_resume_c", "max_chip_temp_c" },
        { "max_override_min above 1440", With("max_override_min", 1441), "max_override_min", "from 1 to 1440" },
        { "max_override_min 0", With("max_override_min", 0), "max_override_min", "from 1 to 1440" },
        { "surplus_min_kw NaN", With("surplus_min_kw", double.NaN), "surplus_min_kw", "NaN" },
        { "data_fail_safe not set", EngineConfig.Default with { DataFailSafe = DataFailSafe.Unknown }, "data_fail_safe", "\"stop\" or \"hold\"" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void RejectsAnInvalidConfigNamingTheKey(string description, EngineConfig config, string key, string allowed)
    {
        var errors = ConfigValidator.Validate(config);

        var error = Assert.Single(errors);
        Assert.True(key == error.Key, $"{description}: expected an error for {key}, got {error}");
        Assert.Contains(allowed, error.Message);
        Assert.StartsWith(key + ": ", error.ToString());
    }

    public static TheoryData<string, EngineConfig> ValidEdges => new()
    {
        { "hard minimum equal to soft minimum", With("soc_hard_min_pct", 58) },
        { "stop, throttle and start thresholds equal", EngineConfig.Default with { SurplusStopKw = 1.5, SurplusThrottleMinKw = 1.5 } },
        { "comm timeout 300 s", With("comm_timeout_sec", 300) },
        { "comm timeout 0 s", With("comm_timeout_sec", 0) },
        { "chip limit 95 °C", With("max_chip_temp_c", 95) },
        { "resume just below the chip limit", With("t_resume_c", 84.9) },
        { "no lockout time", With("safety_lockout_min", 0) },
        { "max_override_min 1440", With("max_override_min", 1440) },
        { "max_override_min 1", With("max_override_min", 1) },
        { "no price cap", With("price_max_ct_kwh", null) },
        { "R5 off", EngineConfig.Default with { MinRuntimeBlocks = 0, MinPauseBlocks = 0, DeadbandHoldBlocks = 0 } },
        { "SoC bands at 0 and 100", EngineConfig.Default with { SocStopPct = 0, SocEcoStartPct = 0, SocStandardPct = 100, SocSuperPct = 100 } },
        { "data_fail_safe hold", EngineConfig.Default with { DataFailSafe = DataFailSafe.Hold } },
    };

    [Theory]
    [MemberData(nameof(ValidEdges))]
    public void AcceptsAConfigAtTheEdgeOfWhatIsAllowed(string description, EngineConfig config)
    {
        var errors = ConfigValidator.Validate(config);

        Assert.True(errors.Count == 0, $"{description}: {string.Join("; ", errors)}");
    }

    [Fact]
    public void RejectsAFractionalBlockCountAtLoad()
    {
        Assert.Contains("whole number", ConfigKeys.Find("min_runtime_blocks")!.Check(1.5));
        Assert.Null(ConfigKeys.Find("min_runtime_blocks")!.Check(2));
    }

    [Fact]
    public void RejectsNullOnlyForAKeyThatCanBeDisabled()
    {
        Assert.Contains("got null", ConfigKeys.Find("surplus_min_kw")!.Check(null));
        Assert.Null(ConfigKeys.Find("price_max_ct_kwh")!.Check(null));
    }

    [Fact]
    public void ReportsEveryKeyOutOfRangeAtOnce()
    {
        var config = EngineConfig.Default with { CommTimeoutSec = 301, SocSoftMinPct = 101 };

        var keys = ConfigValidator.Validate(config).Select(e => e.Key);

        Assert.Equal(["soc_soft_min_pct", "comm_timeout_sec"], keys);
    }

    [Fact]
    public void EveryKeyOfRulesMdSectionThreeIsConfigurable()
    {
        string[] documented =
        [
            "surplus_min_kw", "price_max_ct_kwh", "surplus_throttle_min_kw", "surplus_stop_kw", "soc_soft_min_pct",
            "soc_hard_min_pct", "max_grid_import_w", "max_chip_temp_c", "t_resume_c", "comm_timeout_sec",
            "safety_lockout_min", "min_predicted_surplus_kw", "price_spike_threshold_ct", "deadband_hold_blocks",
            "min_runtime_blocks", "min_pause_blocks", "soc_stop_pct", "soc_eco_start_pct", "soc_standard_pct",
            "soc_super_pct", "pv_start_w", "data_fail_safe", "max_override_min",
            // the fleet allocation's two (docs/fleet.md; RULES.md §6 leaves the allocation to it)
            "fleet_reserve_w", "fleet_hysteresis_w",
        ];

        Assert.Equal(documented.Order(), ConfigKeys.AllNames.Order());
    }

    public static TheoryData<string, double?> Defaults => new()
    {
        { "surplus_min_kw", 1.5 }, { "price_max_ct_kwh", 25 }, { "surplus_throttle_min_kw", 0.8 }, { "surplus_stop_kw", 0.0 },
        { "soc_soft_min_pct", 58 }, { "soc_hard_min_pct", 50 }, { "max_grid_import_w", 500 }, { "max_chip_temp_c", 85 },
        { "t_resume_c", 75 }, { "comm_timeout_sec", 60 }, { "safety_lockout_min", 30 }, { "min_predicted_surplus_kw", 2.0 },
        { "price_spike_threshold_ct", 30 }, { "deadband_hold_blocks", 2 }, { "min_runtime_blocks", 3 }, { "min_pause_blocks", 2 },
        { "soc_stop_pct", 50 }, { "soc_eco_start_pct", 58 }, { "soc_standard_pct", 80 }, { "soc_super_pct", 90 },
        { "pv_start_w", 6000 }, { "max_override_min", 120 },
    };

    [Theory]
    [MemberData(nameof(Defaults))]
    public void DefaultsAreThoseOfRulesMd(string key, double? expected)
    {
        Assert.Equal(expected, ConfigKeys.Find(key)!.Get(EngineConfig.Default));
    }

    [Fact]
    public void DataFailSafeDefaultsToStop()
    {
        Assert.Equal(DataFailSafe.Stop, EngineConfig.Default.DataFailSafe);
        Assert.True(ConfigKeys.TryParseDataFailSafe("hold", out var hold));
        Assert.Equal(DataFailSafe.Hold, hold);
        Assert.False(ConfigKeys.TryParseDataFailSafe("Stop", out _));
    }
}
