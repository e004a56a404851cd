using BitGridAI.Cli.Tests.Support;

namespace BitGridAI.Cli.Tests.Decide;

public sealed class DecideContextTests
{
    [Fact]
    public void An_override_runs_the_miner_without_any_surplus()
    {
        var result = DecideInput.Sunny().With("pv_power_w", 0).Patch("""{"override":{"action":"START"}}""").Decide();

        Assert.Equal("START_OVR_MANUAL_OVERRIDE", result.Code);
        Assert.Equal("OVERRIDE", result.Json.GetProperty("trigger").GetString());
    }

    [Fact]
    public void An_override_cannot_force_the_miner_below_the_battery_reserve()
    {
        var result = DecideInput.Sunny().With("battery_soc_pct", 45).Patch("""{"override":{"action":"THROTTLE"}}""").Decide();

        Assert.Equal("STOP_R2_SOC_HARD_MIN", result.Code);
        Assert.Equal("THROTTLE", result.Json.GetProperty("overruled_override").GetString());
    }

    [Fact]
    public void An_expired_override_no_longer_acts()
    {
        var result = DecideInput.Sunny()
            .Patch("""{"override":{"action":"STOP","expires_at":"2026-06-21T11:00:00Z"}}""").Decide();

        Assert.Equal("START_R1_SURPLUS_OK", result.Code);
    }

    [Fact]
    public void An_emergency_stop_stops_the_miner_whatever_the_sun_does()
    {
        var result = DecideInput.Sunny().With("emergency_stop", true).Decide();

        Assert.Equal("STOP_R3_EMERGENCY_STOP", result.Code);
        Assert.True(result.Json.GetProperty("lockout_active").GetBoolean());
    }

    [Fact]
    public void A_miner_confirmed_off_needs_no_telemetry_to_be_started()
    {
        var blind = DecideInput.Sunny().Without("miner_temp_c").Without("miner_heartbeat_age_sec");

        Assert.Equal("STOP_R3_TEMP_UNKNOWN", blind.Decide().Code);
        Assert.Equal("START_R1_SURPLUS_OK", blind.With("miner_powered_off", true).Decide().Code);
    }

    [Fact]
    public void Manual_autonomy_leaves_the_miner_alone()
    {
        Assert.Equal("NOOP_MANUAL_MODE", DecideInput.Sunny().With("autonomy", "MANUAL").Decide().Code);
    }

    [Fact]
    public void Semi_autonomy_stops_at_the_hard_minimum_as_full_autonomy_does()
    {
        var low = DecideInput.Sunny().With("battery_soc_pct", 45).With("actuator", "START").With("blocks_since_change", 5);

        Assert.Equal("STOP_R2_SOC_HARD_MIN", low.Decide().Code);
        Assert.Equal("STOP_R2_SOC_HARD_MIN", low.With("autonomy", "SEMI").Decide().Code);
    }

    [Fact]
    public void Semi_autonomy_only_suggests_a_stop_when_the_surplus_is_lost()
    {
        var dark = DecideInput.Sunny().With("pv_power_w", 0).With("actuator", "START").With("blocks_since_change", 5);

        Assert.Equal("STOP_R1_SURPLUS_LOST", dark.Decide().Code);
        var semi = dark.With("autonomy", "SEMI").Decide();
        Assert.Equal("NOOP_R1_SURPLUS_LOST", semi.Code);
        Assert.EndsWith("the miner keeps running at full power.", semi.Json.GetProperty("summary").GetString());
    }

    [Theory]
    [InlineData("battery_soc_pct", 45.0, "STOP_R2_SOC_HARD_MIN")]
    [InlineData("grid_import_w", 900.0, "STOP_R2_GRID_IMPORT_EXCEEDED")]
    [InlineData("battery_soc_pct", null, "STOP_DQ_SIGNAL_MISSING")]
    public void Manual_autonomy_still_stops_a_running_miner_for_battery_grid_or_missing_data(string field, double? value, string expected)
    {
        var result = DecideInput.Sunny().With("autonomy", "MANUAL").With("actuator", "THROTTLE").With(field, value).Decide();

        Assert.Equal(expected, result.Code);
    }

    [Fact]
    public void Hold_never_holds_on_a_missing_battery_reading()
    {
        var result = DecideInput.Sunny().Without("battery_soc_pct").With("actuator", "START")
            .Patch("""{"config":{"data_fail_safe":"hold"}}""").Decide();

        Assert.Equal("STOP_DQ_SIGNAL_MISSING", result.Code);
    }

    [Fact]
    public void A_stop_override_stands_even_when_data_is_missing()
    {
        var result = DecideInput.Sunny().Without("pv_power_w").Patch("""{"override":{"action":"STOP"}}""").Decide();

        Assert.Equal("STOP_OVR_MANUAL_OVERRIDE", result.Code);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, result.Json.GetProperty("overruled_override").ValueKind);
    }

    [Fact]
    public void A_start_override_on_missing_data_is_overruled_even_with_hold()
    {
        var result = DecideInput.Sunny().Without("pv_power_w")
            .Patch("""{"override":{"action":"START"},"config":{"data_fail_safe":"hold"}}""").Decide();

        Assert.Equal("STOP_DQ_SIGNAL_MISSING", result.Code);
        Assert.Equal("START", result.Json.GetProperty("overruled_override").GetString());
    }

    [Fact]
    public void The_soc_band_strategy_runs_a_nearly_full_battery_in_super_mode()
    {
        var result = DecideInput.Sunny().With("battery_soc_pct", 95).With("strategy", "soc_band").Decide();

        Assert.Equal("START_R1_SUPER", result.Code);
        Assert.Equal("super", result.Json.GetProperty("mode").GetString());
    }

    [Fact]
    public void Data_fail_safe_hold_keeps_the_miner_as_it_is_when_pv_is_missing()
    {
        var noPv = DecideInput.Sunny().Without("pv_power_w");

        Assert.Equal("STOP_DQ_SIGNAL_MISSING", noPv.Decide().Code);
        Assert.Equal("NOOP_DQ_SIGNAL_MISSING", noPv.Patch("""{"config":{"data_fail_safe":"hold"}}""").Decide().Code);
    }

    [Theory]
    [InlineData(1, "NOOP_R5_MIN_RUNTIME_NOT_REACHED")]
    [InlineData(2, "NOOP_R5_MIN_RUNTIME_NOT_REACHED")]
    [InlineData(3, "STOP_R1_SURPLUS_LOST")]
    public void A_running_miner_whose_surplus_is_gone_stops_only_after_its_minimum_runtime(int blocksSinceChange, string expected)
    {
        var result = DecideInput.Sunny().With("pv_power_w", 0).With("actuator", "START")
            .With("blocks_since_change", blocksSinceChange).Decide();

        Assert.Equal(expected, result.Code);
        if (expected.StartsWith("NOOP_R5", StringComparison.Ordinal))
        {
            Assert.Equal(blocksSinceChange, result.Json.GetProperty("params").GetProperty("blocks_since_change").GetInt32());
            Assert.Equal("STOP_R1_SURPLUS_LOST", result.Json.GetProperty("held_back_proposal").GetString());
        }
    }

    [Fact]
    public void Lowered_r5_settings_let_the_deadband_hold_a_change()
    {
        var result = DecideInput.Sunny().With("actuator", "STOP").With("blocks_since_change", 1)
            .Patch("""{"config":{"min_runtime_blocks":0,"min_pause_blocks":0,"deadband_hold_blocks":2}}""").Decide();

        Assert.Equal("NOOP_R5_DEADBAND_ACTIVE", result.Code);
    }

    [Fact]
    public void A_lower_temperature_limit_in_config_stops_a_miner_the_default_would_run()
    {
        var result = DecideInput.Sunny().Patch("""{"config":{"max_chip_temp_c":55,"t_resume_c":50}}""").Decide();

        Assert.Equal("STOP_R3_OVERTEMP", result.Code);
        Assert.Equal(55, result.Json.GetProperty("params").GetProperty("max_chip_temp_c").GetDouble());
    }
}
