using BitGridAI.Cli.Tests.Support;

namespace BitGridAI.Cli.Tests.Replay;

public sealed class ReplayStateTests
{
    [Fact]
    public void The_actuator_follows_each_start_throttle_and_stop_from_row_to_row()
    {
        var result = Series.ReplayRows(
            Series.Sunny(0), "30,2000,800,0,80,60,5", Series.Dark(40), Series.Dark(70), Series.Sunny(80), Series.Sunny(90));

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(
            ["START_R1_SURPLUS_OK", "THROTTLE_R1_SURPLUS_THROTTLE", "NOOP_R5_MIN_RUNTIME_NOT_REACHED", "STOP_R1_SURPLUS_LOST",
             "NOOP_R5_MIN_PAUSE_NOT_REACHED", "START_R1_SURPLUS_OK"],
            result.Codes);
        var lines = result.JsonLines;
        Assert.Equal([null, "START", "THROTTLE", "THROTTLE", "STOP", "STOP"], lines.Select(l => l.GetProperty("actuator").GetString()));
        Assert.Equal([0, 3, 1, 4, 1, 2], lines.Select(l => l.GetProperty("blocks_since_change").GetInt32()));
    }

    [Fact]
    public void Minimum_runtime_holds_a_stop_right_after_a_start()
    {
        var result = Series.ReplayRows(Series.Sunny(0), Series.Dark(10), Series.Dark(20), Series.Dark(30));

        Assert.Equal(
            ["START_R1_SURPLUS_OK", "NOOP_R5_MIN_RUNTIME_NOT_REACHED", "NOOP_R5_MIN_RUNTIME_NOT_REACHED", "STOP_R1_SURPLUS_LOST"],
            result.Codes);
    }

    [Fact]
    public void A_gap_of_several_blocks_counts_them_so_minimum_runtime_no_longer_holds()
    {
        var result = Series.ReplayRows(Series.Sunny(0), Series.Dark(40));

        Assert.Equal(["START_R1_SURPLUS_OK", "STOP_R1_SURPLUS_LOST"], result.Codes);
        Assert.Equal(4, result.JsonLines[1].GetProperty("blocks_since_change").GetInt32());
    }

    [Fact]
    public void Lost_contact_after_fresh_telemetry_locks_the_miner_out_until_thirty_minutes_passed_and_it_is_cool()
    {
        var result = Series.ReplayRows(
            Series.Sunny(0),
            "10,5000,800,0,80,60,120",
            Series.Sunny(20),
            Series.Sunny(30),
            "40,5000,800,0,80,76,5",
            Series.Sunny(50));

        Assert.Equal(
            ["START_R1_SURPLUS_OK", "STOP_R3_COMM_TIMEOUT", "STOP_R3_LOCKOUT_ACTIVE", "STOP_R3_LOCKOUT_ACTIVE", "STOP_R3_LOCKOUT_ACTIVE",
             "START_R1_SURPLUS_OK"],
            result.Codes);
        Assert.Equal([false, true, true, true, true, false], result.JsonLines.Select(l => l.GetProperty("lockout_active").GetBoolean()));
    }

    [Theory]
    [InlineData(75, "START_R1_SURPLUS_OK")]
    [InlineData(75.1, "STOP_R3_LOCKOUT_ACTIVE")]
    public void The_lockout_releases_at_thirty_minutes_only_at_or_below_the_resume_temperature(double tempC, string expected)
    {
        var result = Series.ReplayRows(Series.Sunny(0), "10,5000,800,0,80,60,120", $"40,5000,800,0,80,{tempC},5");

        Assert.Equal(expected, result.Codes[2]);
    }

    [Fact]
    public void A_gap_in_the_series_counts_towards_the_lockout()
    {
        var result = Series.ReplayRows(Series.Sunny(0), "10,5000,800,0,80,60,120", Series.Sunny(60));

        Assert.Equal(["START_R1_SURPLUS_OK", "STOP_R3_COMM_TIMEOUT", "START_R1_SURPLUS_OK"], result.Codes);
    }

    [Theory]
    [InlineData("0,5000,800,0,80,60,120", "STOP_R3_COMM_TIMEOUT")]
    [InlineData("0,5000,800,0,80,60,", "STOP_R3_COMM_TIMEOUT")]
    [InlineData("0,5000,800,0,80,,5", "STOP_R3_TEMP_UNKNOWN")]
    public void A_miner_never_reached_since_start_is_stopped_but_not_locked_out(string firstRow, string firstCode)
    {
        var result = Series.ReplayRows(firstRow, Series.Sunny(20));

        Assert.Equal([firstCode, "START_R1_SURPLUS_OK"], result.Codes);
        Assert.All(result.JsonLines, l => Assert.False(l.GetProperty("lockout_active").GetBoolean()));
    }

    [Fact]
    public void An_overtemperature_locks_the_miner_out_even_when_it_cooled_down_by_the_next_block()
    {
        var result = Series.ReplayRows("0,5000,800,0,80,90,5", Series.Sunny(10), Series.Sunny(30));

        Assert.Equal(["STOP_R3_OVERTEMP", "STOP_R3_LOCKOUT_ACTIVE", "START_R1_SURPLUS_OK"], result.Codes);
    }
}
