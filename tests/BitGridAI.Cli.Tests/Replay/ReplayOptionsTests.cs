using BitGridAI.Cli.Tests.Support;

namespace BitGridAI.Cli.Tests.Replay;

public sealed class ReplayOptionsTests
{
    [Fact]
    public void A_config_file_changes_the_thresholds_of_the_replay()
    {
        using var directory = new TempDirectory();
        var config = directory.File("site.json", """{ "surplus_min_kw": 5 }""");

        var result = Series.ReplayRows(Series.Sunny(0));
        var configured = Series.Replay(Series.Sunny(0) + "\n", "--config", config);

        Assert.Equal(["START_R1_SURPLUS_OK"], result.Codes);
        Assert.Equal(["THROTTLE_R1_SURPLUS_THROTTLE"], configured.Codes);
    }

    [Fact]
    public void Lowered_r5_settings_in_a_config_file_let_the_deadband_hold_a_change()
    {
        using var directory = new TempDirectory();
        var config = directory.File("r5.json", """{ "min_runtime_blocks": 0, "min_pause_blocks": 0, "deadband_hold_blocks": 2 }""");

        var result = Series.Replay(Series.Sunny(0) + "\n" + Series.Dark(10) + "\n", "--config", config);

        Assert.Equal(["START_R1_SURPLUS_OK", "NOOP_R5_DEADBAND_ACTIVE"], result.Codes);
    }

    [Theory]
    [InlineData("""{ "max_chip_temp_c": 120 }""", "max_chip_temp_c")]
    [InlineData("""{ "soc_hard_min_pct": 70 }""", "soc_hard_min_pct")]
    [InlineData("""{ "max_temp": 80 }""", "max_temp")]
    [InlineData("""{ "data_fail_safe": "maybe" }""", "data_fail_safe")]
    [InlineData("""{ "surplus_min_kw": 5, }""", "--config")]
    [InlineData("", "--config")]
    public void An_invalid_config_file_exits_2_naming_the_key_before_any_row_is_replayed(string json, string named)
    {
        using var directory = new TempDirectory();
        var config = directory.File("bad.json", json);

        var result = Series.Replay(Series.Sunny(0) + "\n", "--config", config);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("", result.Out);
        Assert.Contains(named, Assert.Single(result.ErrLines));
    }

    [Fact]
    public void A_config_file_that_does_not_exist_exits_2_naming_it()
    {
        var result = Series.Replay(Series.Sunny(0) + "\n", "--config", "/nonexistent/site.json");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("/nonexistent/site.json", Assert.Single(result.ErrLines));
    }

    [Fact]
    public void The_soc_band_strategy_decides_by_battery_bands()
    {
        var result = Series.Replay("0,5000,800,0,95,60,5\n20,5000,800,0,45,60,5\n", "--strategy", "soc_band");

        Assert.Equal(["START_R1_SUPER", "STOP_R1_SOC_RESERVE_STOP"], result.Codes);
    }

    [Fact]
    public void Manual_autonomy_leaves_the_miner_alone_on_every_row()
    {
        var result = Series.Replay(Series.Sunny(0) + "\n" + Series.Dark(30) + "\n", "--autonomy", "MANUAL");

        Assert.Equal(["NOOP_MANUAL_MODE", "NOOP_MANUAL_MODE"], result.Codes);
    }

    [Fact]
    public void Semi_autonomy_stops_for_the_battery_on_its_own()
    {
        var result = Series.Replay(Series.Sunny(0) + "\n30,5000,800,0,45,60,5\n", "--autonomy", "SEMI");

        Assert.Equal(["START_R1_SURPLUS_OK", "STOP_R2_SOC_HARD_MIN"], result.Codes);
        Assert.Equal("STOP", result.JsonLines[1].GetProperty("action").GetString());
    }

    [Fact]
    public void Semi_autonomy_turns_a_lost_surplus_into_a_suggested_stop()
    {
        var result = Series.Replay(Series.Sunny(0) + "\n" + Series.Dark(30) + "\n", "--autonomy", "SEMI");

        Assert.Equal(["START_R1_SURPLUS_OK", "NOOP_R1_SURPLUS_LOST"], result.Codes);
        Assert.Equal("START", result.JsonLines[1].GetProperty("actuator").GetString());
    }

    [Theory]
    [InlineData("--strategy", "greedy")]
    [InlineData("--autonomy", "AUTO")]
    public void An_unknown_strategy_or_autonomy_exits_2_naming_the_option(string option, string value)
    {
        var result = Series.Replay(Series.Sunny(0) + "\n", option, value);

        Assert.Equal(2, result.ExitCode);
        var error = Assert.Single(result.ErrLines);
        Assert.Contains(option, error);
        Assert.Contains(value, error);
    }

    [Fact]
    public void Out_writes_the_json_lines_to_a_file_and_leaves_stdout_empty()
    {
        using var directory = new TempDirectory();
        var outPath = directory.Combine("decisions.jsonl");

        var result = Series.Replay(Series.Sunny(0) + "\n" + Series.Sunny(10) + "\n", "--out", outPath);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Out);
        var lines = File.ReadAllLines(outPath);
        Assert.Equal(2, lines.Length);
        Assert.All(lines, l => Assert.Contains("\"decision_code\":\"START_R1_SURPLUS_OK\"", l));
        Assert.Contains(result.ErrLines, l => l.StartsWith("replayed 2 rows", StringComparison.Ordinal));
    }

    [Fact]
    public void Out_into_a_missing_directory_exits_2()
    {
        var result = Series.Replay(Series.Sunny(0) + "\n", "--out", "/nonexistent/dir/decisions.jsonl");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--out", Assert.Single(result.ErrLines));
    }

    [Theory]
    [InlineData("--verbose", "x")]
    [InlineData("--skip-bad-row", "x")]
    public void An_unknown_option_exits_2_naming_it(string option, string value)
    {
        var result = Series.Replay(Series.Sunny(0) + "\n", option, value);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("", result.Out);
        Assert.Contains(option, Assert.Single(result.ErrLines));
    }

    [Fact]
    public void A_file_that_does_not_exist_exits_2_with_a_message_naming_it()
    {
        var result = Bitgrid.Run("replay", "/nonexistent/series.csv");

        Assert.Equal(2, result.ExitCode);
        var error = Assert.Single(result.ErrLines);
        Assert.Contains("/nonexistent/series.csv", error);
        Assert.Contains("cannot read", error);
    }

    [Fact]
    public void Replay_without_a_file_exits_2_asking_for_one()
    {
        var result = Bitgrid.Run("replay");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("CSV", Assert.Single(result.ErrLines));
    }

    [Fact]
    public void The_summary_on_stderr_counts_rows_speed_and_decisions_per_code()
    {
        var result = Series.ReplayRows(Series.Sunny(0), Series.Sunny(10), Series.Dark(20), "30,,800,0,80,60,5");

        Assert.Equal(0, result.ExitCode);
        var summary = result.ErrLines;
        Assert.Matches(@"^replayed 4 rows of - in \d+\.\d{3} s \(\d+ blocks/s\)$", summary[0]);
        Assert.Contains("decisions per code:", summary);
        Assert.Contains(summary, l => l.Trim() == "2  START_R1_SURPLUS_OK");
        Assert.Contains(summary, l => l.Trim() == "1  NOOP_R5_MIN_RUNTIME_NOT_REACHED");
        Assert.Contains(summary, l => l.Trim() == "1  STOP_DQ_SIGNAL_MISSING");
        Assert.DoesNotContain(summary, l => l.Contains("STOP_R3", StringComparison.Ordinal));
    }

    [Fact]
    public void The_summary_names_header_columns_that_were_ignored()
    {
        var result = Series.Replay("timestamp,pv_power_w,house_load_w,grid_import_w,battery_soc_pct,miner_temp_c,miner_heartbeat_age_sec,site_name\n"
            + "2026-06-21T12:00:00Z,5000,800,0,80,60,5,home\n");

        Assert.Equal(["START_R1_SURPLUS_OK"], result.Codes);
        Assert.Contains("ignored columns: site_name", result.ErrLines);
    }
}
