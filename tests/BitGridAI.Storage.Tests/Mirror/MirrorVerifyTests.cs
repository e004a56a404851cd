using System.Security.Cryptography;
using BitGridAI.Storage.Mirror;

namespace BitGridAI.Storage.Tests.Mirror;

public sealed class MirrorVerifyTests
{
    private const string Second = "segment-00000002.jsonl.bgm";

    [Fact]
    public void AFlippedByteFailsNamingTheFile()
    {
        using var site = new SampleSite();
        site.Push();
        var bytes = File.ReadAllBytes(site.InTarget(Second));
        bytes[bytes.Length / 2] ^= 0x01;
        File.WriteAllBytes(site.InTarget(Second), bytes);

        var report = site.Verify();

        Assert.Equal(Second, report.Problem?.File);
        Assert.Contains("authentication failed", report.Problem!.Reason);
        Assert.Equal(1, report.Segments);
    }

    [Theory]
    [InlineData(10, "too short")]
    [InlineData(-1, "authentication failed")]
    public void ATruncatedFileFails(int keep, string reason)
    {
        using var site = new SampleSite();
        site.Push();
        var bytes = File.ReadAllBytes(site.InTarget(Second));
        File.WriteAllBytes(site.InTarget(Second), bytes[..(keep >= 0 ? keep : bytes.Length + keep)]);

        var report = site.Verify();

        Assert.Equal(Second, report.Problem?.File);
        Assert.Contains(reason, report.Problem!.Reason);
    }

    [Fact]
    public void AnotherKeyFailsSayingSo()
    {
        using var site = new SampleSite();
        site.Push();
        File.WriteAllBytes(MirrorKey.PathIn(site.DataDir), RandomNumberGenerator.GetBytes(MirrorKey.Size));

        var report = site.Verify();

        Assert.Equal("segment-00000001.jsonl.bgm", report.Problem?.File);
        Assert.Contains("sealed with another key", report.Problem!.Reason);
    }

    [Fact]
    public void SwappedFilesFailBecauseTheNameIsBoundIntoTheTag()
    {
        using var site = new SampleSite();
        site.Push();
        var first = site.InTarget("segment-00000001.jsonl.bgm");
        File.Move(first, first + ".x");
        File.Move(site.InTarget(Second), first);
        File.Move(first + ".x", site.InTarget(Second));

        var report = site.Verify();

        Assert.Equal("segment-00000001.jsonl.bgm", report.Problem?.File);
        Assert.Contains("renamed", report.Problem!.Reason);
    }

    [Fact]
    public async Task AnExportFileThatDiffersFromItsManifestFails()
    {
        using var site = new SampleSite();
        var export = await site.ExportForMirrorAsync();
        site.Push();
        var name = $"{Path.GetFileName(export.Directory)}/events.parquet.bgm";
        var key = MirrorKey.Load(site.DataDir);
        File.WriteAllBytes(site.InTarget(name), MirrorFile.Seal(key, name, "not the export"u8));

        var report = site.Verify();

        Assert.Equal(name, report.Problem?.File);
        Assert.Contains("differs from its manifest", report.Problem!.Reason);
    }

    [Fact]
    public void ASegmentThatDiffersFromTheLiveLogFails()
    {
        using var site = new SampleSite();
        site.Push();
        var key = MirrorKey.Load(site.DataDir);
        var records = site.Store.Read(5, 8).Select(r => r with { Body = r.Body.Replace("START", "STOP", StringComparison.Ordinal) })
            .Select(r => r with { Hash = r.ExpectedHash() }).ToList();
        File.WriteAllBytes(site.InTarget(Second), MirrorFile.Seal(key, Second, BitGridAI.Storage.EventLog.SegmentFile.Write(2, records)));

        var report = site.Verify();

        Assert.Equal(Second, report.Problem?.File);
    }

    [Fact]
    public void WithoutAKeyVerifySaysNothingWasMirrored()
    {
        using var site = new SampleSite();
        Directory.CreateDirectory(site.Target);

        var error = Assert.Throws<StorageException>(site.Verify);

        Assert.Contains("no mirror key", error.Message);
    }
}
