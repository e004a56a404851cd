using System.Globalization;
using BitGridAI.Cli.Tests.Support;

namespace BitGridAI.Cli.Tests.History;

/// <summary><c>bitgrid replay --data-dir</c>: the determinism check and the what-if over a recorded log.</summary>
public sealed class HistoryReplayTests : IDisposable
{
    private const int Blocks = 432; // three days
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Every_recorded_decision_is_reproduced()
    {
        SyntheticHistory.Create(_dir.Path, Blocks);

        var result = Bitgrid.Run("replay", "--data-dir", _dir.Path);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal($"{Blocks} of {Blocks} recorded decisions reproduced", Assert.Single(result.OutLines));
    }

    [Fact]
    public void A_decision_the_engine_does_not_give_again_is_listed_with_exit_1()
    {
        SyntheticHistory.Create(_dir.Path, Blocks, alter: (k, d) => k == 100 ? d with { DecisionCode = "NOOP_MANUAL_MODE" } : d);

        var result = Bitgrid.Run("replay", "--data-dir", _dir.Path);

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("block 2026-06-21T16:40:00Z miner miner-1: recorded NOOP_MANUAL_MODE, replayed ", result.OutLines[0], StringComparison.Ordinal);
        Assert.Equal($"{Blocks - 1} of {Blocks} recorded decisions reproduced", result.OutLines[^1]);
    }

    [Fact]
    public void The_recorded_thresholds_as_a_what_if_change_nothing()
    {
        SyntheticHistory.Create(_dir.Path, Blocks);
        var config = _dir.File("same.json", """{"surplus_min_kw": 1.5}""");

        var result = Bitgrid.Run("replay", "--data-dir", _dir.Path, "--config", config);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains($"0 of {Blocks} decisions differ", result.Out, StringComparison.Ordinal);
        Assert.All(result.OutLines.Where(l => l.Contains("_kwh", StringComparison.Ordinal)), l => Assert.EndsWith(" 0.000", l, StringComparison.Ordinal));
    }

    [Fact]
    public void A_raised_surplus_min_changes_decisions_and_reports_the_deltas()
    {
        SyntheticHistory.Create(_dir.Path, Blocks);
        var config = _dir.File("raised.json", """{"surplus_min_kw": 6, "surplus_throttle_min_kw": 5}""");

        var result = Bitgrid.Run("replay", "--data-dir", _dir.Path, "--config", config, "--json");

        Assert.Equal(0, result.ExitCode);
        var summary = result.JsonLines[^1];
        Assert.True(summary.GetProperty("differ").GetInt32() > 0);
        Assert.All(result.JsonLines.SkipLast(1), l => Assert.NotEqual(l.GetProperty("recorded").GetString(), l.GetProperty("what_if").GetString()));
        var miner = summary.GetProperty("kpis").GetProperty("miner_kwh");
        Assert.True(miner.GetProperty("delta").GetDouble() < 0, "less surplus-driven mining");
        Assert.True(summary.GetProperty("kpis").GetProperty("grid_export_kwh").GetProperty("delta").GetDouble() > 0, "the PV the miner no longer takes goes out");
        Assert.Contains("battery SoC and grid import/export (HomeBattery", summary.GetProperty("resimulated").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_battery_section_the_grid_takes_the_draw_difference_and_the_what_if_says_so()
    {
        SyntheticHistory.Create(_dir.Path, Blocks, battery: false);
        var config = _dir.File("raised.json", """{"surplus_min_kw": 6, "surplus_throttle_min_kw": 5}""");

        var result = Bitgrid.Run("replay", "--data-dir", _dir.Path, "--config", config);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains(result.OutLines, l => l.StartsWith("miner_kwh", StringComparison.Ordinal) && !l.EndsWith(" 0.000", StringComparison.Ordinal));
        // Less mining (a raised threshold): what the miner no longer draws goes out to the grid.
        var export = result.OutLines.Single(l => l.StartsWith("grid_export_kwh", StringComparison.Ordinal));
        Assert.True(double.Parse(export.Split(' ', StringSplitOptions.RemoveEmptyEntries)[^1], System.Globalization.CultureInfo.InvariantCulture) > 0, export);
        Assert.Contains("no battery section", result.OutLines[^1], StringComparison.Ordinal);
    }

    [Fact]
    public void Out_writes_the_report_to_a_file()
    {
        SyntheticHistory.Create(_dir.Path, 20);
        var output = _dir.Combine("report.txt");

        var result = Bitgrid.Run("replay", "--data-dir", _dir.Path, "--out", output);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Out);
        Assert.Equal("20 of 20 recorded decisions reproduced\n", File.ReadAllText(output));
    }

    [Fact]
    public void From_and_to_limit_the_replay_to_their_range()
    {
        SyntheticHistory.Create(_dir.Path, Blocks);
        var from = SyntheticHistory.Start.AddDays(1);

        var result = Bitgrid.Run("replay", "--data-dir", _dir.Path, "--from", from.ToString("O", CultureInfo.InvariantCulture), "--to", from.AddHours(2).ToString("O", CultureInfo.InvariantCulture));

        Assert.Equal("12 of 12 recorded decisions reproduced", Assert.Single(result.OutLines));
    }

    [Theory]
    [InlineData("--data-dir", "/nonexistent/bitgrid", "--data-dir: no event log")]
    [InlineData("--from", "yesterday", "--from: not an ISO 8601 time")]
    [InlineData("--to", "2020-01-01", "--to: must be after --from")]
    [InlineData("--config", """{"surplus_min_kw": "x"}""", "config.surplus_min_kw: expected a number")]
    [InlineData("--config", """{"surplus_min_kww": 2}""", "config.surplus_min_kww: unknown key")]
    [InlineData("--config", """{"surplus_min_kw": 0.5}""", "config.surplus_")]
    [InlineData("--bogus", "1", "--bogus: unknown option")]
    public void Bad_input_is_exit_2_with_one_line_naming_it(string option, string value, string expected)
    {
        SyntheticHistory.Create(_dir.Path, 10);
        var args = new List<string> { "replay", "--data-dir", _dir.Path, "--from", "2026-06-21T00:00:00Z" };
        if (option == "--config")
        {
            value = _dir.File("bad.json", value);
        }
        if (option is "--data-dir" or "--from")
        {
            args[args.IndexOf(option) + 1] = value;
        }
        else
        {
            args.AddRange([option, value]);
        }

        var result = Bitgrid.Run([.. args]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(expected, Assert.Single(result.ErrLines), StringComparison.Ordinal);
        Assert.Equal("", result.Out);
    }

    [Fact]
    public void The_csv_replay_still_runs_without_data_dir()
    {
        var csv = _dir.File("s.csv", "timestamp,pv_power_w,house_load_w,grid_import_w,battery_soc_pct,miner_temp_c,miner_heartbeat_age_sec\n2026-06-21T12:00:00Z,6000,500,0,80,60,5\n");

        var result = Bitgrid.Run("replay", csv);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("START_R1_SURPLUS_OK", Assert.Single(result.JsonLines).GetProperty("decision_code").GetString());
    }
}
