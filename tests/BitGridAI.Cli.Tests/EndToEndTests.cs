using BitGridAI.Cli.Tests.Support;

namespace BitGridAI.Cli.Tests;

/// <summary>The real program in its own process: exit codes as a shell sees them, and never a stack trace.</summary>
public sealed class EndToEndTests
{
    [Fact]
    public async Task Decide_prints_the_decision_and_exits_0()
    {
        var result = await BitgridProcess.RunAsync(DecideInput.Sunny().ToString(), "decide");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Err);
        Assert.Equal("START_R1_SURPLUS_OK", result.Code);
        Assert.Equal("2026-06-21T12:00:00Z", result.Json.GetProperty("block_id").GetString());
    }

    [Theory]
    [InlineData("{\"pv_power_w\": ", "input", "decide")]
    [InlineData("{\"pv_power_w\":\"5000\"}", "pv_power_w", "decide")]
    [InlineData("{\"now\":\"9999-12-31T23:59:00Z\"}", "now", "decide")]
    [InlineData("0,5000,800,0,80,60,5\n1e30,5000,800,0,80,60,5\n", "offset_min", "replay", "-")]
    [InlineData("0,5000,800,0,80,60,5\n0,5000,800,0,80,60,5\n", "line 2", "replay", "-")]
    [InlineData("", "/nonexistent/series.csv", "replay", "/nonexistent/series.csv")]
    [InlineData("", "--days", "synth", "--days", "0")]
    [InlineData("", "frobnicate", "frobnicate")]
    public async Task Bad_input_exits_2_with_one_line_and_no_stack_trace(string stdin, string named, params string[] args)
    {
        var result = await BitgridProcess.RunAsync(stdin, args);

        Assert.Equal(2, result.ExitCode);
        var error = Assert.Single(result.ErrLines);
        Assert.Contains(named, error);
        Assert.DoesNotContain("Exception", result.Err);
        Assert.DoesNotContain("   at ", result.Err);
    }

    [Fact]
    public async Task Without_arguments_the_program_prints_usage_and_exits_2()
    {
        var result = await BitgridProcess.RunAsync("");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("usage: bitgrid", result.Err);
    }

    [Fact]
    public async Task Synth_piped_into_replay_decides_every_block()
    {
        var csv = await BitgridProcess.RunAsync("", "synth", "--days", "2", "--seed", "5");

        var result = await BitgridProcess.RunAsync(csv.Out, "replay", "-");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(288, result.OutLines.Count);
        Assert.Contains("blocks/s", result.ErrLines[0]);
    }
}
