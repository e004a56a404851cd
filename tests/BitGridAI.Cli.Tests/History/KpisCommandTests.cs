using System.Text.Json;
using BitGridAI.Cli.Tests.Support;
using BitGridAI.Grains.Abstractions.Recording;

namespace BitGridAI.Cli.Tests.History;

/// <summary><c>bitgrid kpis --data-dir</c>: per day and per block, as a table and as JSON lines.</summary>
public sealed class KpisCommandTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>A table row with single spaces between its columns.</summary>
    private static string Columns(string row) => string.Join(' ', row.Split(' ', StringSplitOptions.RemoveEmptyEntries));

    [Fact]
    public void Days_are_the_default_with_a_total_row()
    {
        SyntheticHistory.Create(_dir.Path, 288);

        var result = Bitgrid.Run("kpis", "--data-dir", _dir.Path);

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("period", result.OutLines[0], StringComparison.Ordinal);
        Assert.StartsWith("2026-06-21 144", Columns(result.OutLines[1]), StringComparison.Ordinal);
        Assert.StartsWith("2026-06-22 144", Columns(result.OutLines[2]), StringComparison.Ordinal);
        Assert.StartsWith("total 288", Columns(result.OutLines[3]), StringComparison.Ordinal);
    }

    [Fact]
    public void Json_lines_carry_the_energies_and_the_counts()
    {
        SyntheticHistory.Create(_dir.Path, 144);

        var result = Bitgrid.Run("kpis", "--data-dir", _dir.Path, "--json");

        Assert.Equal(0, result.ExitCode);
        var day = result.JsonLines[0];
        Assert.Equal("2026-06-21", day.GetProperty("period").GetString());
        Assert.True(day.GetProperty("pv_kwh").GetDouble() > 20);
        Assert.True(day.GetProperty("miner_kwh").GetDouble() > 1);
        // 100 TH/s at 1500 W and 50 sats per TH/s and day: sats/kWh = 100 × 50 / (1.5 × 24).
        Assert.Equal(100.0 * 50 / (1.5 * 24), day.GetProperty("sats_per_kwh").GetDouble(), 6);
        // The default feed-in beside it, in the same unit: 8 ct/kWh at 1100 sats per euro.
        Assert.Equal(8.0 / 100 * 1100, day.GetProperty("feed_in_sats_per_kwh").GetDouble(), 6);
        Assert.True(day.GetProperty("actuator_changes").GetInt32() > 0);
        Assert.InRange(day.GetProperty("self_consumption").GetDouble(), 0, 1);
        Assert.Equal(2.0, day.GetProperty("latency_max_s").GetDouble(), 6);
        Assert.Equal("total", result.JsonLines[^1].GetProperty("period").GetString());
    }

    [Fact]
    public void Periods_of_a_block_have_one_row_each()
    {
        SyntheticHistory.Create(_dir.Path, 6);

        var result = Bitgrid.Run("kpis", "--data-dir", _dir.Path, "--period", "block", "--json");

        Assert.Equal(["2026-06-21T00:00:00Z", "2026-06-21T00:10:00Z", "2026-06-21T00:20:00Z", "2026-06-21T00:30:00Z", "2026-06-21T00:40:00Z", "2026-06-21T00:50:00Z", "total"],
            result.JsonLines.Select(l => l.GetProperty("period").GetString()));
    }

    [Fact]
    public void A_block_without_readings_is_missing_not_zero()
    {
        var entries = SyntheticHistory.Entries(3);
        entries.Add(new LogEntry(LogKinds.Block, SyntheticHistory.SiteId, SyntheticHistory.Start.AddMinutes(30), "block:home:empty",
            """{"block_id":"2026-06-21T00:30:00Z","window_start":"2026-06-21T00:20:00Z","window_end":"2026-06-21T00:30:00Z","devices":[],"decisions":[]}"""));
        SyntheticHistory.Create(_dir.Path, entries);

        var result = Bitgrid.Run("kpis", "--data-dir", _dir.Path, "--period", "block", "--json");

        var empty = result.JsonLines[3];
        Assert.Equal("2026-06-21T00:30:00Z", empty.GetProperty("period").GetString());
        Assert.Equal(JsonValueKind.Null, empty.GetProperty("pv_kwh").ValueKind);
        Assert.Equal(JsonValueKind.Null, empty.GetProperty("miner_kwh").ValueKind);
        var total = result.JsonLines[^1];
        Assert.Equal(JsonValueKind.Number, total.GetProperty("pv_kwh").ValueKind);
        Assert.Contains("pv", total.GetProperty("partial").EnumerateArray().Select(p => p.GetString()));
    }

    [Fact]
    public void Overrides_are_counted_accepted_and_refused()
    {
        var entries = SyntheticHistory.Entries(3);
        var at = SyntheticHistory.Start.AddMinutes(5);
        entries.Add(LogEntries.Of(SyntheticHistory.SiteId, at, new OverrideBody("START", "START", 30, "anna", true, null, at.AddMinutes(30))));
        entries.Add(LogEntries.Of(SyntheticHistory.SiteId, at, new OverrideBody("START", "START", 999, "anna", false, "too long", null)));
        entries.Add(LogEntries.Of(SyntheticHistory.SiteId, at, new OverrideBody("STOP", "STOP", 10, "ben", true, null, at.AddMinutes(10))));
        SyntheticHistory.Create(_dir.Path, entries);

        var total = Bitgrid.Run("kpis", "--data-dir", _dir.Path, "--json").JsonLines[^1];

        Assert.Equal(2, total.GetProperty("overrides_accepted").GetInt32());
        Assert.Equal(1, total.GetProperty("overrides_refused").GetInt32());
    }

    [Theory]
    [InlineData("--period", "week", "--period: must be block or day (got 'week')")]
    [InlineData("--from", "2026-13-01", "--from: not an ISO 8601 time (got '2026-13-01')")]
    [InlineData("--data-dir", "/nonexistent/bitgrid", "--data-dir: no event log")]
    public void Bad_options_are_exit_2_with_one_line_naming_the_option(string option, string value, string expected)
    {
        SyntheticHistory.Create(_dir.Path, 3);
        var args = option == "--data-dir" ? new[] { "kpis", option, value } : ["kpis", "--data-dir", _dir.Path, option, value];

        var result = Bitgrid.Run(args);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(expected, Assert.Single(result.ErrLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_real_command_prints_the_table()
    {
        SyntheticHistory.Create(_dir.Path, 12);

        var result = await BitgridProcess.RunAsync("", "kpis", "--data-dir", _dir.Path);

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("2026-06-21 12", Columns(result.OutLines[1]), StringComparison.Ordinal);
    }
}
