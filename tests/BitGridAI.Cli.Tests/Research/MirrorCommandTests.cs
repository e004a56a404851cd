using BitGridAI.Cli.Tests.Support;

namespace BitGridAI.Cli.Tests.Research;

public sealed class MirrorCommandTests
{
    [Fact]
    public void Mirror_sends_closed_segments_and_verify_reads_them_back()
    {
        using var site = new RecordedSite();

        var sent = Bitgrid.Run("mirror", "--data-dir", site.DataDir, "--target", site.Target, "--segment-records", "5");
        var again = Bitgrid.Run("mirror", "--data-dir", site.DataDir, "--target", site.Target, "--segment-records", "5");
        var verified = Bitgrid.Run("mirror", "verify", "--data-dir", site.DataDir, "--target", site.Target);

        Assert.Equal((0, 0, 0), (sent.ExitCode, again.ExitCode, verified.ExitCode));
        Assert.Contains("sent 2 segment(s) (10 records)", sent.Out);
        Assert.Contains("sent 0 segment(s)", again.Out);
        Assert.Contains("intact, 2 segment(s) (10 records, positions 1–10)", verified.Out);
    }

    [Fact]
    public void Verify_exits_1_naming_the_first_bad_file()
    {
        using var site = new RecordedSite();
        Bitgrid.Run("mirror", "--data-dir", site.DataDir, "--target", site.Target, "--segment-records", "5");
        var second = Path.Combine(site.Target, "segment-00000002.jsonl.bgm");
        var bytes = File.ReadAllBytes(second);
        bytes[^1] ^= 0x80;
        File.WriteAllBytes(second, bytes);

        var result = Bitgrid.Run("mirror", "verify", "--data-dir", site.DataDir, "--target", site.Target);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("BAD segment-00000002.jsonl.bgm: authentication failed", result.Out);
        Assert.Contains("verified before it: 1 segment(s)", result.Out);
    }

    [Fact]
    public void A_target_inside_the_data_directory_is_bad_input()
    {
        using var site = new RecordedSite();

        var result = Bitgrid.Run("mirror", "--data-dir", site.DataDir, "--target", Path.Combine(site.DataDir, "copy"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("must not contain each other", Assert.Single(result.ErrLines));
    }

    [Fact]
    public void Verify_before_any_mirror_says_there_is_no_key()
    {
        using var site = new RecordedSite();
        Directory.CreateDirectory(site.Target);

        var result = Bitgrid.Run("mirror", "verify", "--data-dir", site.DataDir, "--target", site.Target);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("no mirror key", result.Err);
    }

    [Fact]
    public void An_unknown_mirror_subcommand_is_bad_input()
    {
        using var site = new RecordedSite();

        var result = Bitgrid.Run("mirror", "check", "--data-dir", site.DataDir, "--target", site.Target);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("'check' is not a mirror command", result.Err);
    }
}
