using System.Text.RegularExpressions;
using BitGridAI.Cli.Tests.Support;
using BitGridAI.Domain.Decisions;

namespace BitGridAI.Cli.Tests;

public sealed partial class DemoTests
{
    [Fact]
    public void The_demo_prints_one_row_per_block_of_the_day_each_naming_a_registered_decision_code()
    {
        var result = Bitgrid.Run("demo");

        Assert.Equal(0, result.ExitCode);
        var rows = result.OutLines.SkipWhile(l => !l.StartsWith('─')).Skip(1).ToList();
        Assert.Equal(144, rows.Count);
        Assert.Equal(Enumerable.Range(0, 144).Select(b => $"{b / 6:00}:{b % 6 * 10:00}"), rows.Select(r => r[..5]));
        Assert.All(rows, row =>
        {
            var code = CodeInRow().Match(row);
            Assert.True(code.Success, $"no decision code in: {row}");
            Assert.True(DecisionCodes.TryParse(code.Value, out _), $"'{code.Value}' is not a registered code");
        });
    }

    [Fact]
    public void Another_day_and_seed_give_another_table()
    {
        var standard = Bitgrid.Run("demo");
        var other = Bitgrid.Run("demo", "--day", "20", "--seed", "9");

        Assert.Equal(0, other.ExitCode);
        Assert.NotEqual(standard.Out, other.Out);
        Assert.Contains("2026-01-20", other.OutLines[0]);
    }

    [Theory]
    [InlineData("--day", "0")]
    [InlineData("--day", "366")]
    [InlineData("--seed", "x")]
    public void A_bad_day_or_seed_exits_2_naming_the_option(string option, string value)
    {
        var result = Bitgrid.Run("demo", option, value);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(option, Assert.Single(result.ErrLines));
    }

    [GeneratedRegex(@"\b(?:START|STOP|THROTTLE|NOOP)_[A-Z0-9_]+\b")]
    private static partial Regex CodeInRow();
}
