using System.Text;
using BitGridAI.Storage.Export;

namespace BitGridAI.Storage.Tests.Export;

public sealed class AnonymisedExportTests
{
    [Fact]
    public async Task NoDeviceIdSerialSiteOrPersonIsLeftInAnyByteOrValue()
    {
        using var site = new SampleSite(blocks: 5);
        site.Research(on: true);

        var result = await site.ExportAsync(anonymise: true);

        var needles = SampleLog.Ids.Append("SN4711").Append("SN99812").ToList();
        foreach (var file in Directory.GetFiles(result.Directory))
        {
            var bytes = File.ReadAllBytes(file);
            foreach (var needle in needles)
            {
                Assert.True(bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(needle)) < 0, $"{needle} is in {Path.GetFileName(file)}");
            }
        }
        var values = ParquetFiles.Strings(await ParquetFiles.ReadAsync<BlockSignalRow>(result.Directory, "block_signals.parquet"))
            .Concat(ParquetFiles.Strings(await ParquetFiles.ReadAsync<DecisionRow>(result.Directory, "decisions.parquet")))
            .Concat(ParquetFiles.Strings(await ParquetFiles.ReadAsync<EventRow>(result.Directory, "events.parquet")))
            .Concat(ParquetFiles.Strings(await ParquetFiles.ReadAsync<BlockRow>(result.Directory, "blocks.parquet")))
            .ToList();
        Assert.NotEmpty(values);
        Assert.DoesNotContain(values, v => needles.Any(n => v.Contains(n, StringComparison.OrdinalIgnoreCase)));
        Assert.True(ExportManifest.Read(File.ReadAllBytes(Path.Combine(result.Directory, ExportManifest.FileName))).Anonymised);
    }

    [Fact]
    public async Task WithoutAnonymisingTheIdsAreThereInTheBytes()
    {
        // The control for the byte search above: compression does not hide the ids from it.
        using var site = new SampleSite(blocks: 5);
        site.Research(on: true);

        var result = await site.ExportAsync(anonymise: false);

        var decisions = File.ReadAllBytes(Path.Combine(result.Directory, "decisions.parquet"));
        Assert.True(decisions.AsSpan().IndexOf(Encoding.UTF8.GetBytes(SampleLog.Miner)) >= 0);
        var events = File.ReadAllBytes(Path.Combine(result.Directory, "events.parquet"));
        Assert.True(events.AsSpan().IndexOf(Encoding.UTF8.GetBytes(SampleLog.Operator)) >= 0);
    }

    [Fact]
    public async Task AMinersPseudonymJoinsItsReadingsToItsDecisionsButDiffersBetweenExports()
    {
        using var site = new SampleSite(blocks: 3);
        site.Research(on: true);

        var first = await site.ExportAsync(anonymise: true);
        var second = await site.ExportAsync(anonymise: true);

        var decisions = await ParquetFiles.ReadAsync<DecisionRow>(first.Directory, "decisions.parquet");
        var signals = await ParquetFiles.ReadAsync<BlockSignalRow>(first.Directory, "block_signals.parquet");
        var minerPseudonym = Assert.Single(decisions.Select(d => d.Miner).Distinct());
        Assert.StartsWith("dev-", minerPseudonym);
        Assert.All(signals.Where(s => s.Signal == "miner_temp_c"), s => Assert.Equal(minerPseudonym, s.Device));
        Assert.Equal(2, signals.Select(s => s.Device).Distinct().Count());
        var again = await ParquetFiles.ReadAsync<DecisionRow>(second.Directory, "decisions.parquet");
        Assert.NotEqual(minerPseudonym, again[0].Miner);
    }
}
