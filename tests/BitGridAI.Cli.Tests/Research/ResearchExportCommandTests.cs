using System.Text.Json;
using BitGridAI.Cli.Tests.Support;
using BitGridAI.Grains.Abstractions.Recording;
using BitGridAI.Storage;
using BitGridAI.Storage.EventLog;
using BitGridAI.Storage.Export;

namespace BitGridAI.Cli.Tests.Research;

public sealed class ResearchExportCommandTests
{
    [Fact]
    public void Export_is_refused_with_exit_3_while_research_is_off()
    {
        using var site = new RecordedSite();

        var result = Bitgrid.Run("export", "--data-dir", site.DataDir, "--out", site.Out);

        Assert.Equal(3, result.ExitCode);
        var error = Assert.Single(result.ErrLines);
        Assert.Contains("refused", error);
        Assert.Contains("bitgrid research on", error);
        Assert.False(Directory.Exists(site.Out));
    }

    [Fact]
    public void Research_on_allows_an_export_and_research_off_refuses_the_next()
    {
        using var site = new RecordedSite();

        var on = Bitgrid.Run("research", "on", "--data-dir", site.DataDir, "--by", "carol");
        var export = Bitgrid.Run("export", "--data-dir", site.DataDir, "--out", site.Out, "--anonymise", "--by", "carol");
        var off = Bitgrid.Run("research", "off", "--data-dir", site.DataDir, "--by", "dave");
        var refused = Bitgrid.Run("export", "--data-dir", site.DataDir, "--out", site.Out);

        Assert.Equal((0, 0, 0, 3), (on.ExitCode, export.ExitCode, off.ExitCode, refused.ExitCode));
        Assert.Contains("research export: ON (switched by carol", on.Out);
        Assert.Contains("(anonymised)", export.Out);
        Assert.Contains("switched off by dave", refused.Err);
        var directory = Assert.Single(Directory.GetDirectories(site.Out));
        var manifest = ExportManifest.Read(File.ReadAllBytes(Path.Combine(directory, ExportManifest.FileName)));
        Assert.Equal(12, manifest.Files.Single(f => f.Name == "blocks.parquet").Rows);
        var switches = site.Store.Read([LogKinds.Research], null, null)
            .Select(r => JsonSerializer.Deserialize(r.Body, LogJson.Default.ResearchBody)!).ToList();
        Assert.Equal([(true, "carol"), (false, "dave")], switches.Select(s => (s.Enabled, s.RequestedBy)));
        var logged = JsonSerializer.Deserialize(site.Store.Last(LogKinds.Export)!.Body, LogJson.Default.ExportBody)!;
        Assert.Equal(("carol", true), (logged.RequestedBy, logged.Anonymised));
    }

    [Fact]
    public void Export_of_a_range_takes_only_its_blocks()
    {
        using var site = new RecordedSite();
        Bitgrid.Run("research", "on", "--data-dir", site.DataDir);
        var start = Bitgrid.ClockNow.AddDays(-1);

        var result = Bitgrid.Run("export", "--data-dir", site.DataDir, "--out", site.Out,
            "--from", start.AddMinutes(30).ToString("O"), "--to", start.AddMinutes(60).ToString("O"));

        Assert.Equal(0, result.ExitCode);
        Assert.Matches(@"blocks\.parquet\s+3 rows", result.Out);
    }

    [Theory]
    [InlineData("--from yesterday", "--from: 'yesterday' is not an ISO 8601 time")]
    [InlineData("--from 2021-01-01 --to 2020-01-01", "--from (2021-01-01) must lie before --to (2020-01-01)")]
    [InlineData("--frm 2020-01-01", "--frm: unknown option")]
    [InlineData("--anonymise --anonymise", "--anonymise: given twice")]
    public void Bad_export_options_exit_2_naming_the_option(string options, string message)
    {
        using var site = new RecordedSite();
        Bitgrid.Run("research", "on", "--data-dir", site.DataDir);

        var result = Bitgrid.Run(["export", "--data-dir", site.DataDir, "--out", site.Out, .. options.Split(' ')]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, Assert.Single(result.ErrLines));
        Assert.False(Directory.Exists(site.Out));
    }

    [Fact]
    public void Research_needs_on_off_or_status()
    {
        using var site = new RecordedSite();

        var result = Bitgrid.Run("research", "maybe", "--data-dir", site.DataDir);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("'maybe' is not on, off or status", result.Err);
        Assert.Contains("OFF (never switched on)", Bitgrid.Run("research", "status", "--data-dir", site.DataDir).Out);
    }

    [Fact]
    public void Research_on_an_empty_log_needs_the_site_named()
    {
        using var dir = new TempDirectory();
        _ = new EventLogStore(new SqliteDatabase(EventLogStore.PathIn(dir.Path)));

        var unnamed = Bitgrid.Run("research", "on", "--data-dir", dir.Path);
        var named = Bitgrid.Run("research", "on", "--data-dir", dir.Path, "--site", "site-9");

        Assert.Equal(2, unnamed.ExitCode);
        Assert.Contains("name the site with --site ID", unnamed.Err);
        Assert.Equal(0, named.ExitCode);
        Assert.Contains("ON", named.Out);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }
}
