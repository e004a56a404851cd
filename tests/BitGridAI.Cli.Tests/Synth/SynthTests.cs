using BitGridAI.Cli.Tests.Support;

namespace BitGridAI.Cli.Tests.Synth;

public sealed class SynthTests
{
    [Fact]
    public void The_same_days_and_seed_give_byte_identical_output()
    {
        var first = Bitgrid.Run("synth", "--days", "7", "--seed", "42");
        var second = Bitgrid.Run("synth", "--days", "7", "--seed", "42");

        Assert.Equal(0, first.ExitCode);
        Assert.Equal(first.Out, second.Out);
        Assert.Equal(3 + (7 * 144), first.OutLines.Count);
    }

    [Fact]
    public void Another_seed_gives_another_series()
    {
        var one = Bitgrid.Run("synth", "--days", "2", "--seed", "1");
        var two = Bitgrid.Run("synth", "--days", "2", "--seed", "2");

        Assert.NotEqual(one.Out, two.Out);
        Assert.Equal(one.OutLines.Count, two.OutLines.Count);
    }

    [Fact]
    public void The_synthetic_series_replays_without_errors_one_decision_per_block()
    {
        var csv = Bitgrid.Run("synth", "--days", "3", "--seed", "7").Out;

        var result = Series.Replay(csv);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(3 * 144, result.OutLines.Count);
        Assert.Contains("replayed 432 rows of -", result.ErrLines[0]);
        Assert.DoesNotContain(result.ErrLines, l => l.Contains("skipped", StringComparison.Ordinal));
    }

    [Fact]
    public void Out_writes_the_same_series_to_a_file()
    {
        using var directory = new TempDirectory();
        var path = directory.Combine("year.csv");

        var toFile = Bitgrid.Run("synth", "--days", "2", "--seed", "3", "--out", path);
        var toStdout = Bitgrid.Run("synth", "--days", "2", "--seed", "3");

        Assert.Equal(0, toFile.ExitCode);
        Assert.Equal("", toFile.Out);
        Assert.Equal(toStdout.Out, File.ReadAllText(path));
    }

    [Theory]
    [InlineData("--days", "0")]
    [InlineData("--days", "-1")]
    [InlineData("--days", "two")]
    [InlineData("--days", "1.5")]
    [InlineData("--days", "36501")]
    [InlineData("--seed", "-1")]
    [InlineData("--seed", "abc")]
    [InlineData("--seed", "18446744073709551616")]
    public void A_bad_days_or_seed_exits_2_naming_the_option(string option, string value)
    {
        var result = Bitgrid.Run("synth", option, value);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("", result.Out);
        var error = Assert.Single(result.ErrLines);
        Assert.Contains(option, error);
        Assert.Contains(value, error);
    }

    [Fact]
    public void An_option_without_its_value_exits_2()
    {
        var result = Bitgrid.Run("synth", "--days");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--days", Assert.Single(result.ErrLines));
    }
}
