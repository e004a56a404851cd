using System.Security.Cryptography;
using System.Text.Json;
using BitGridAI.Grains.Abstractions.Recording;
using BitGridAI.Storage.Export;

namespace BitGridAI.Storage.Tests.Export;

public sealed class ResearchExportTests
{
    [Fact]
    public async Task EveryBlockDecisionAndEventOfTheLogComesBackFromTheParquetFiles()
    {
        using var site = new SampleSite(blocks: 6);
        site.Research(on: true);

        var result = await site.ExportAsync();

        var blockRecords = site.Store.Read([LogKinds.Block], null, null).ToList();
        var blocks = await ParquetFiles.ReadAsync<BlockRow>(result.Directory, "blocks.parquet");
        Assert.Equal(blockRecords.Select(r => r.Position), blocks.Select(b => b.LogPosition));
        var firstBody = JsonSerializer.Deserialize(blockRecords[0].Body, LogJson.Default.BlockBody)!;
        Assert.Equal(firstBody.BlockId, blocks[0].BlockId);
        Assert.Equal(firstBody.WindowEnd.UtcDateTime, blocks[0].WindowEnd);
        Assert.Equal(DateTimeKind.Utc, blocks[0].WindowEnd.Kind);
        Assert.Equal(2, blocks[0].DeviceCount);
        Assert.Equal("cfg-hash-1", blocks[0].ConfigHash);
        Assert.Equal(["block_id", "window_end", "device", "signal", "count", "mean", "max", "last", "last_at", "late_samples"],
            await ParquetFiles.ColumnsAsync<BlockSignalRow>(result.Directory, "block_signals.parquet"));

        var signals = await ParquetFiles.ReadAsync<BlockSignalRow>(result.Directory, "block_signals.parquet");
        Assert.Equal(6 * 3, signals.Count);
        var temp = signals.Single(s => s.BlockId == firstBody.BlockId && s.Signal == "miner_temp_c");
        Assert.Equal((SampleLog.Miner, 20, 61.5, 64.0, 62.0), (temp.Device, temp.Count, temp.Mean, temp.Max, temp.Last));
        Assert.Equal(1, signals.Single(s => s.BlockId == blocks[1].BlockId && s.Signal == "pv_power_w").LateSamples);

        var decisionRecords = site.Store.Read([LogKinds.Decision], null, null).ToList();
        var decisions = await ParquetFiles.ReadAsync<DecisionRow>(result.Directory, "decisions.parquet");
        Assert.Equal(decisionRecords.Select(r => r.Position), decisions.Select(d => d.LogPosition));
        var decision = decisions[0];
        Assert.Equal((SampleLog.Miner, "START_R1_SURPLUS", "START", "standard", "BLOCK", "cfg-hash-1"),
            (decision.Miner, decision.DecisionCode, decision.Action, decision.Mode, decision.Trigger, decision.ConfigHash));
        Assert.Equal("""{"reserve":null,"surplus_kw":3.4,"surplus_min_kw":1.5}""", decision.ParamsJson);
        Assert.Equal("""{"miner_temp_c":62,"pv_power_w":4200}""", decision.InputsJson);
        Assert.Equal("energy_price_ct_kwh", decision.Missing);
        Assert.Contains("starts on 3.4 kW", decision.Summary);

        var events = await ParquetFiles.ReadAsync<EventRow>(result.Directory, "events.parquet");
        Assert.Equal(["override", "autonomy", "safety"], events.Select(e => e.Kind));
        Assert.Equal(("STOP", false, 30.0, SampleLog.Operator), (events[0].Action, events[0].Accepted, events[0].DurationMin, events[0].RequestedBy));
        Assert.Equal((null, "SEMI"), (events[1].AutonomyFrom, events[1].AutonomyTo));
        Assert.Equal((SampleLog.Miner, "STOP_R3_OVERTEMP"), (events[2].Miner, events[2].DecisionCode));
    }

    [Fact]
    public async Task TheManifestCountsTheRowsAndHashesEveryFileAndTheLogHashesTheManifest()
    {
        using var site = new SampleSite(blocks: 4);
        site.Research(on: true);

        var result = await site.ExportAsync();

        var manifestBytes = File.ReadAllBytes(Path.Combine(result.Directory, ExportManifest.FileName));
        var manifest = ExportManifest.Read(manifestBytes);
        Assert.Equal(["blocks.parquet", "block_signals.parquet", "decisions.parquet", "events.parquet"], manifest.Files.Select(f => f.Name));
        Assert.Equal([4L, 12L, 4L, 3L], manifest.Files.Select(f => f.Rows));
        foreach (var file in manifest.Files)
        {
            var bytes = File.ReadAllBytes(Path.Combine(result.Directory, file.Name));
            Assert.Equal(file.Sha256, Convert.ToHexStringLower(SHA256.HashData(bytes)));
            Assert.Equal(file.Bytes, bytes.Length);
        }
        Assert.Equal((1, SampleLog.Site, false), (manifest.FormatVersion, manifest.Site, manifest.Anonymised));
        Assert.Equal(site.Clock.GetUtcNow(), manifest.CreatedAt);
        Assert.Equal(SampleLog.BlockEnd(0), manifest.From);
        var logged = JsonSerializer.Deserialize(site.Store.Last(LogKinds.Export)!.Body, LogJson.Default.ExportBody)!;
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(manifestBytes)), logged.ManifestSha256);
        Assert.Equal(("researcher-bob", false), (logged.RequestedBy, logged.Anonymised));
    }

    [Fact]
    public async Task OnlyRecordsInsideTheRangeAreExported()
    {
        using var site = new SampleSite(blocks: 6);
        site.Research(on: true);

        var result = await site.ExportAsync(from: SampleLog.BlockEnd(2), to: SampleLog.BlockEnd(4));

        var blocks = await ParquetFiles.ReadAsync<BlockRow>(result.Directory, "blocks.parquet");
        Assert.Equal([SampleLog.BlockEnd(2).UtcDateTime, SampleLog.BlockEnd(3).UtcDateTime], blocks.Select(b => b.WindowEnd));
        Assert.Empty(await ParquetFiles.ReadAsync<EventRow>(result.Directory, "events.parquet"));
        await Assert.ThrowsAsync<ArgumentException>(() => site.ExportAsync(from: SampleLog.BlockEnd(4), to: SampleLog.BlockEnd(2)));
    }

    [Fact]
    public async Task SegmentsRetentionArchivedAreExportedToo()
    {
        using var site = new SampleSite(blocks: 6);
        site.Research(on: true);
        Assert.True(BitGridAI.Storage.EventLog.ArchivedSegments.Archive(site.Store, 5, site.Clock.GetUtcNow(), site.Clock) > 0);

        var result = await site.ExportAsync();

        Assert.Equal(6, (await ParquetFiles.ReadAsync<BlockRow>(result.Directory, "blocks.parquet")).Count);
        Assert.Equal(3, (await ParquetFiles.ReadAsync<EventRow>(result.Directory, "events.parquet")).Count);
    }

    [Fact]
    public async Task TwoExportsInTheSameSecondGetTwoDirectories()
    {
        using var site = new SampleSite(blocks: 2);
        site.Research(on: true);

        var first = await site.ExportAsync();
        var second = await site.ExportAsync();

        Assert.NotEqual(first.Directory, second.Directory);
        Assert.EndsWith("-2", second.Directory);
        Assert.Equal(2, site.Store.Read([LogKinds.Export], null, null).Count());
        Assert.Empty(Directory.GetDirectories(site.OutDir, ".*"));
    }
}
