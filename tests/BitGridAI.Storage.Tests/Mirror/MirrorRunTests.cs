using System.Text;
using BitGridAI.Storage.EventLog;
using BitGridAI.Storage.Export;
using BitGridAI.Storage.Mirror;

namespace BitGridAI.Storage.Tests.Mirror;

public sealed class MirrorRunTests
{
    [Fact]
    public async Task ClosedSegmentsAndExportsGoOutEncryptedAndVerifyAgainstTheLog()
    {
        using var site = new SampleSite();
        var export = await site.ExportForMirrorAsync();

        var sent = site.Push();

        // 15 records of blocks and events, then the research switch and the export's record: 4 closed segments.
        Assert.Equal((4, 16L, 1), (sent.Segments, sent.Records, sent.Exports));
        Assert.Equal(["segment-00000001.jsonl.bgm", "segment-00000002.jsonl.bgm", "segment-00000003.jsonl.bgm", "segment-00000004.jsonl.bgm"],
            Directory.GetFiles(site.Target).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        var exportName = Path.GetFileName(export.Directory);
        Assert.Equal(5, Directory.GetFiles(Path.Combine(site.Target, exportName), "*.bgm").Length);
        var key = MirrorKey.Load(site.DataDir);
        var plain = MirrorFile.Open(key, "segment-00000002.jsonl.bgm", File.ReadAllBytes(site.InTarget("segment-00000002.jsonl.bgm")));
        Assert.Equal(SegmentFile.Write(2, site.Store.Read(5, 8).ToList()), plain);
        Assert.True(File.ReadAllBytes(site.InTarget("segment-00000002.jsonl.bgm")).AsSpan().IndexOf(Encoding.UTF8.GetBytes(SampleLog.Miner)) < 0);

        var report = site.Verify();

        Assert.True(report.Intact, report.Problem?.ToString());
        Assert.Equal((4, 16L, 1L, 16L, 1, 5), (report.Segments, report.Records, report.FirstPosition, report.LastPosition, report.Exports, report.ExportFiles));
    }

    [Fact]
    public async Task ASecondRunSendsNothingAndALaterOneOnlyWhatIsNew()
    {
        using var site = new SampleSite();
        await site.ExportForMirrorAsync();
        site.Push();
        var before = Directory.GetFiles(site.Target, "*", SearchOption.AllDirectories).ToDictionary(f => f, File.ReadAllBytes);

        var again = site.Push();

        Assert.Equal((0, 0, 0), (again.Segments, again.Exports, again.Files));
        var after = Directory.GetFiles(site.Target, "*", SearchOption.AllDirectories);
        Assert.Equal(before.Keys.Order(), after.Order());
        Assert.All(after, f => Assert.Equal(before[f], File.ReadAllBytes(f)));

        SampleLog.AddBlocks(site.Store, 2, firstBlock: 6);
        var later = site.Push();

        Assert.Equal((1, 0), (later.Segments, later.Exports));
        Assert.True(File.Exists(site.InTarget("segment-00000005.jsonl.bgm")));
        Assert.True(site.Verify().Intact);
    }

    [Fact]
    public void SegmentsRetentionArchivedAreSentFromTheArchive()
    {
        using var site = new SampleSite();
        Assert.Equal(3, ArchivedSegments.Archive(site.Store, SampleSite.SegmentRecords, site.Clock.GetUtcNow(), site.Clock));
        SampleLog.AddBlocks(site.Store, 2, firstBlock: 6);

        var sent = site.Push();

        Assert.Equal(5, sent.Segments);
        var report = site.Verify();
        Assert.True(report.Intact, report.Problem?.ToString());
        Assert.Equal((5, 20L), (report.Segments, report.Records));
    }

    [Fact]
    public void TheKeyIsMadeOnceWithMode0600AndNeverReachesTheTarget()
    {
        using var site = new SampleSite();

        site.Push();
        site.Push();

        var keyPath = MirrorKey.PathIn(site.DataDir);
        var key = File.ReadAllBytes(keyPath);
        Assert.Equal(32, key.Length);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keyPath));
        }
        var hex = Encoding.ASCII.GetBytes(Convert.ToHexStringLower(key));
        foreach (var file in Directory.GetFiles(site.Target, "*", SearchOption.AllDirectories))
        {
            Assert.NotEqual(MirrorKey.FileName, Path.GetFileName(file));
            var bytes = File.ReadAllBytes(file);
            Assert.True(bytes.AsSpan().IndexOf(key) < 0, $"the key is in {file}");
            Assert.True(bytes.AsSpan().IndexOf(hex) < 0, $"the key's hex is in {file}");
        }
    }

    [Fact]
    public void ATargetInsideTheDataDirectoryIsRefused()
    {
        using var site = new SampleSite();

        var error = Assert.Throws<ArgumentException>(() => new MirrorRun(new MirrorOptions(site.DataDir, Path.Combine(site.DataDir, "mirror"))).Push());

        Assert.Contains("must not contain each other", error.Message);
    }

    [Fact]
    public void AKeyOthersMayReadIsRefused()
    {
        using var site = new SampleSite();
        site.Push();
        if (OperatingSystem.IsWindows())
        {
            return;
        }
        File.SetUnixFileMode(MirrorKey.PathIn(site.DataDir), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);

        var error = Assert.Throws<StorageException>(site.Verify);

        Assert.Contains("chmod 600", error.Message);
    }

    [Fact]
    public void AnotherSegmentSizeForTheSameTargetIsRefused()
    {
        using var site = new SampleSite();
        site.Push();

        var error = Assert.Throws<ArgumentException>(() => new MirrorRun(new MirrorOptions(site.DataDir, site.Target, 5)).Push());

        Assert.Contains("--segment-records 4", error.Message);
    }

    [Fact]
    public void AnExportStillBeingWrittenIsNotSent()
    {
        using var site = new SampleSite();
        var partial = Path.Combine(site.DataDir, "exports", ResearchExport.DirectoryPrefix + "20260101T000000Z");
        Directory.CreateDirectory(partial);
        File.WriteAllText(Path.Combine(partial, "blocks.parquet"), "half");

        var sent = site.Push();

        Assert.Equal(0, sent.Exports);
        Assert.False(Directory.Exists(Path.Combine(site.Target, Path.GetFileName(partial))));
    }
}
