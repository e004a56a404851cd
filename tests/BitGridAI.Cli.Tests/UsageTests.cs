using BitGridAI.Cli.Tests.Support;

namespace BitGridAI.Cli.Tests;

public sealed class UsageTests
{
    [Fact]
    public void Without_arguments_the_usage_goes_to_stderr_with_exit_code_2()
    {
        var result = Bitgrid.Run();

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("", result.Out);
        Assert.Contains("usage: bitgrid <command>", result.Err);
        Assert.All(["decide", "replay", "synth", "demo"], command => Assert.Contains(command, result.Err));
    }

    [Fact]
    public void Help_prints_the_usage_and_succeeds()
    {
        var result = Bitgrid.Run("--help");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("usage: bitgrid <command>", result.Err);
    }

    [Fact]
    public void HelpListsTheCommandsOverTheApiAndEveryExitCode()
    {
        var result = Bitgrid.Run("--help");

        Assert.All(["status", "decisions", "override start|throttle|stop --minutes N", "autonomy set FULL|SEMI|MANUAL", "emergency-stop", "ack", "BITGRID_SERVER", "BITGRID_TOKEN", "console.json"],
            text => Assert.Contains(text, result.Err, StringComparison.Ordinal));
        Assert.All(["0  ok", "1  failed", "2  bad input", "3  refused", "4  unauthorized", "5  the silo is unreachable"],
            text => Assert.Contains(text, result.Err, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("frobnicate")]
    [InlineData("Decide")]
    [InlineData("--decide")]
    public void An_unknown_command_exits_2_with_one_line_naming_it(string command)
    {
        var result = Bitgrid.Run(command);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("", result.Out);
        var error = Assert.Single(result.ErrLines);
        Assert.Contains($"unknown command '{command}'", error);
    }
}
