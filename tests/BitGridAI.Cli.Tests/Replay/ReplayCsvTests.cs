using System.Text;
using BitGridAI.Cli.Tests.Support;

namespace BitGridAI.Cli.Tests.Replay;

public sealed class ReplayCsvTests
{
    [Fact]
    public void Positional_rows_with_the_seven_required_columns_give_one_json_line_each()
    {
        var result = Series.ReplayRows(Series.Sunny(0), Series.Sunny(10), Series.Sunny(25));

        Assert.Equal(0, result.ExitCode);
        var lines = result.JsonLines;
        Assert.Equal(3, lines.Count);
        Assert.Equal(["2026-01-01T00:00:00Z", "2026-01-01T00:10:00Z", "2026-01-01T00:20:00Z"],
            lines.Select(l => l.GetProperty("block_id").GetString()));
        Assert.All(lines, l => Assert.Equal("START_R1_SURPLUS_OK", l.GetProperty("decision_code").GetString()));
        Assert.Equal([1, 2, 3], lines.Select(l => l.GetProperty("line").GetInt32()));
    }

    [Theory]
    [InlineData("0,5000,800,0,80,60,5,30", "NOOP_R1_PRICE_TOO_HIGH")]
    [InlineData("0,5000,800,0,80,60,5,,1.0", "NOOP_R4_FORECAST_PV_INSUFFICIENT")]
    [InlineData("0,5000,800,900,80,60,5,,,300", "STOP_R2_GRID_IMPORT_EXCEEDED")]
    [InlineData("0,5000,800,600,80,60,5,,,300", "START_R1_SURPLUS_OK")]
    [InlineData("0,5000,800,0,80,60,5,10,3,0,0,junk,more junk", "START_R1_SURPLUS_OK")]
    public void Optional_columns_after_the_seventh_are_read_in_order_and_further_columns_ignored(string row, string expected)
    {
        var result = Series.ReplayRows(row);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal([expected], result.Codes);
    }

    [Fact]
    public void A_row_with_fewer_than_seven_columns_exits_2_naming_its_line()
    {
        var result = Series.ReplayRows(Series.Sunny(0), "10,5000,800,0,80,60");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("line 2", Assert.Single(result.ErrLines));
    }

    [Fact]
    public void A_header_takes_columns_by_name_in_any_order_with_an_iso_timestamp()
    {
        var csv = """
            miner_heartbeat_age_sec,timestamp,battery_soc_pct,pv_power_w,miner_temp_c,grid_import_w,house_load_w,energy_price_ct_kwh
            5,2026-06-21T12:00:00Z,80,5000,60,0,800,
            5,2026-06-21T14:15:00+02:00,80,5000,60,0,800,26
            """;

        var result = Series.Replay(csv);

        Assert.Equal(0, result.ExitCode);
        var lines = result.JsonLines;
        Assert.Equal(["2026-06-21T12:00:00Z", "2026-06-21T12:10:00Z"], lines.Select(l => l.GetProperty("block_id").GetString()));
        Assert.Equal(["START_R1_SURPLUS_OK", "NOOP_R1_PRICE_TOO_HIGH"], result.Codes);
    }

    [Fact]
    public void A_header_with_offset_min_places_rows_from_the_start_of_2026()
    {
        var result = Series.Replay("pv_power_w,house_load_w,grid_import_w,battery_soc_pct,miner_temp_c,miner_heartbeat_age_sec,offset_min\n5000,800,0,80,60,5,1445\n");

        Assert.Equal("2026-01-02T00:00:00Z", Assert.Single(result.JsonLines).GetProperty("block_id").GetString());
    }

    [Fact]
    public void A_header_without_a_time_column_exits_2()
    {
        var result = Series.Replay("pv_power_w,house_load_w\n5000,800\n");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("timestamp", Assert.Single(result.ErrLines));
    }

    [Fact]
    public void Comments_blank_lines_crlf_and_a_utf8_bom_do_not_change_the_decisions()
    {
        var plain = Series.ReplayRows(Series.Sunny(0), Series.Dark(10), Series.Dark(40));
        var messy = "\uFEFF# exported from the inverter\r\n\r\n" + Series.Sunny(0) + "\r\n# cloud\r\n   \r\n"
            + Series.Dark(10) + "\r\n" + Series.Dark(40);

        var result = Series.Replay(messy);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(plain.Codes, result.Codes);
        Assert.Equal([3, 6, 7], result.JsonLines.Select(l => l.GetProperty("line").GetInt32()));
    }

    [Fact]
    public void An_empty_cell_is_a_missing_reading_not_zero()
    {
        var result = Series.ReplayRows("0,,800,0,80,60,5", "10,5000,800,0,80,,5", "20,5000,800,0,80,60,");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(["STOP_DQ_SIGNAL_MISSING", "STOP_R3_TEMP_UNKNOWN", "STOP_R3_COMM_TIMEOUT"], result.Codes);
        var first = result.JsonLines[0];
        Assert.Equal(["pv_power_w"], first.GetProperty("missing").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(0, first.GetProperty("rejected").GetArrayLength());
    }

    [Fact]
    public void A_heartbeat_cell_of_zero_is_fresh_contact()
    {
        Assert.Equal(["START_R1_SURPLUS_OK"], Series.ReplayRows("0,5000,800,0,80,60,0").Codes);
    }

    [Theory]
    [InlineData("0,NaN,800,0,80,60,5", "pv_power_w", "STOP_DQ_SIGNAL_MISSING")]
    [InlineData("0,-5,800,0,80,60,5", "pv_power_w", "STOP_DQ_SIGNAL_MISSING")]
    [InlineData("0,5000,800,0,140,60,5", "battery_soc_pct", "STOP_DQ_SIGNAL_MISSING")]
    [InlineData("0,5000,800,0,80,inf,5", "miner_temp_c", "STOP_R3_TEMP_UNKNOWN")]
    [InlineData("0,5000,800,0,80,151,5", "miner_temp_c", "STOP_R3_TEMP_UNKNOWN")]
    public void An_implausible_cell_is_rejected_and_treated_as_missing(string row, string signal, string expected)
    {
        var result = Series.ReplayRows(row);

        Assert.Equal(0, result.ExitCode);
        var line = Assert.Single(result.JsonLines);
        Assert.Equal(expected, line.GetProperty("decision_code").GetString());
        Assert.Equal([signal], line.GetProperty("rejected").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public void A_cell_that_is_not_a_number_exits_2_naming_line_column_and_field()
    {
        var result = Series.ReplayRows(Series.Sunny(0), "# note", "20,5000,800,0,eighty,60,5");

        Assert.Equal(2, result.ExitCode);
        var error = Assert.Single(result.ErrLines);
        Assert.Contains("line 3", error);
        Assert.Contains("column 5", error);
        Assert.Contains("battery_soc_pct", error);
        Assert.Contains("eighty", error);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("NaN")]
    [InlineData("1e30")]
    [InlineData("-inf")]
    public void An_offset_that_is_no_time_exits_2_naming_the_line_and_offset_min(string offset)
    {
        var result = Series.ReplayRows(Series.Sunny(0), $"{offset},5000,800,0,80,60,5");

        Assert.Equal(2, result.ExitCode);
        var error = Assert.Single(result.ErrLines);
        Assert.Contains("line 2", error);
        Assert.Contains("offset_min", error);
    }

    [Fact]
    public void A_bad_timestamp_exits_2_naming_line_and_column()
    {
        var result = Series.Replay("timestamp,pv_power_w\n2026-06-21T12:00:00Z,5000\nnoon,5000\n");

        Assert.Equal(2, result.ExitCode);
        var error = Assert.Single(result.ErrLines);
        Assert.Contains("line 3, column 1", error);
        Assert.Contains("timestamp", error);
    }

    [Theory]
    [InlineData(5)]
    [InlineData(0)]
    [InlineData(-30)]
    public void A_row_in_the_same_or_an_earlier_block_exits_2_naming_its_line(int offset)
    {
        var result = Series.ReplayRows(Series.Sunny(0), Series.Sunny(offset));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("line 2", Assert.Single(result.ErrLines));
        Assert.Single(result.OutLines);
    }

    [Fact]
    public void Skip_bad_rows_skips_counts_and_lists_them_and_replays_the_rest()
    {
        var result = Series.Replay(
            string.Join('\n', Series.Sunny(0), "10,5000,x,0,80,60,5", Series.Sunny(5), Series.Sunny(20), "30,1"),
            "--skip-bad-rows");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal([1, 4], result.JsonLines.Select(l => l.GetProperty("line").GetInt32()));
        Assert.Contains("skipped 3 bad rows:", result.ErrLines);
        Assert.Contains(result.ErrLines, l => l.Contains("line 2, column 3"));
        Assert.Contains(result.ErrLines, l => l.Contains("line 3") && l.Contains("later 10-minute block"));
        Assert.Contains(result.ErrLines, l => l.Contains("line 5"));
    }

    [Fact]
    public void An_empty_series_replays_zero_rows()
    {
        var result = Series.Replay("# nothing yet\n");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Out);
        Assert.Contains(result.ErrLines, l => l.StartsWith("replayed 0 rows", StringComparison.Ordinal));
    }

    [Fact]
    public void The_replay_input_may_be_a_file_with_a_bom_written_by_a_windows_tool()
    {
        using var directory = new TempDirectory();
        var path = directory.Combine("series.csv");
        File.WriteAllText(path, Series.Sunny(0) + "\r\n", new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));

        var result = Bitgrid.Run("replay", path);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(["START_R1_SURPLUS_OK"], result.Codes);
    }
}
