using BitGridAI.Cli.Tests.Support;

namespace BitGridAI.Cli.Tests.Explaining;

/// <summary><c>bitgrid explain BLOCK_ID</c>: a recorded block's decisions explained from the event log, in either language.</summary>
public sealed class ExplainCommandTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static string BlockId(int block) => SyntheticHistory.Start.AddMinutes(10 * block).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void A_recorded_block_is_explained_with_its_code_data_effect_options_and_what_would_change_it()
    {
        SyntheticHistory.Create(_dir.Path, 72);
        var block = BlockId(60);

        var result = Bitgrid.Run("explain", block, "--data-dir", _dir.Path);

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith($"block {block} · ", result.OutLines[0], StringComparison.Ordinal);
        Assert.Contains(result.OutLines, l => l.StartsWith("Data: ", StringComparison.Ordinal) && l.Length > "Data: ".Length);
        Assert.Contains(result.OutLines, l => l.StartsWith("Effect: ", StringComparison.Ordinal));
        Assert.Contains(result.OutLines, l => l == "Your options:");
        Assert.Contains(result.OutLines, l => l.StartsWith("What would change it: ", StringComparison.Ordinal) && l.Length > "What would change it: ".Length);
    }

    [Fact]
    public void German_is_asked_for_with_lang_de()
    {
        SyntheticHistory.Create(_dir.Path, 72);

        var english = Bitgrid.Run("explain", BlockId(60), "--data-dir", _dir.Path);
        var german = Bitgrid.Run("explain", BlockId(60), "--data-dir", _dir.Path, "--lang", "de", "--json");

        Assert.Equal(0, german.ExitCode);
        var line = german.JsonLines[0];
        Assert.Equal("de", line.GetProperty("language").GetString());
        Assert.NotEqual(english.OutLines[1], line.GetProperty("short").GetString());
        Assert.False(string.IsNullOrWhiteSpace(line.GetProperty("counterfactuals").GetString()));
    }

    [Fact]
    public void An_unknown_language_falls_back_to_english_with_a_note()
    {
        SyntheticHistory.Create(_dir.Path, 72);

        var english = Bitgrid.Run("explain", BlockId(60), "--data-dir", _dir.Path);
        var unknown = Bitgrid.Run("explain", BlockId(60), "--data-dir", _dir.Path, "--lang", "xx");

        Assert.Equal(0, unknown.ExitCode);
        Assert.Equal(english.OutLines, unknown.OutLines);
        Assert.Contains(unknown.ErrLines, l => l.StartsWith("note: ", StringComparison.Ordinal) && l.Contains("xx", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("2026-06-21T10:05:00Z")]
    [InlineData("yesterday")]
    [InlineData("2026-06-21 10:00")]
    public void A_malformed_block_id_is_exit_2_naming_it(string block)
    {
        SyntheticHistory.Create(_dir.Path, 12);

        var result = Bitgrid.Run("explain", block, "--data-dir", _dir.Path);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(block, Assert.Single(result.ErrLines), StringComparison.Ordinal);
    }

    [Fact]
    public void A_block_without_a_recorded_decision_is_exit_1()
    {
        SyntheticHistory.Create(_dir.Path, 12);

        var result = Bitgrid.Run("explain", "2030-01-01T00:00:00Z", "--data-dir", _dir.Path);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("no decision recorded for block 2030-01-01T00:00:00Z", Assert.Single(result.ErrLines), StringComparison.Ordinal);
    }

    [Fact]
    public void A_directory_without_a_log_is_exit_2()
    {
        var result = Bitgrid.Run("explain", BlockId(1), "--data-dir", Path.Combine(_dir.Path, "nowhere"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("no event log", Assert.Single(result.ErrLines), StringComparison.Ordinal);
    }
}
