using System.Text.Json;
using BitGridAI.Grains.Abstractions.Recording;
using BitGridAI.Storage.Export;

namespace BitGridAI.Storage.Tests.Export;

public sealed class ResearchToggleTests
{
    [Fact]
    public async Task ExportIsRefusedWhileTheToggleWasNeverSwitchedOn()
    {
        using var site = new SampleSite();

        var refused = await Assert.ThrowsAsync<ResearchDisabledException>(() => site.ExportAsync());

        Assert.Contains("never switched on", refused.Message);
        Assert.Contains("bitgrid research on", refused.Message);
        Assert.False(Directory.Exists(site.OutDir) && Directory.EnumerateFileSystemEntries(site.OutDir).Any());
        Assert.Null(site.Store.Last(LogKinds.Export));
    }

    [Fact]
    public async Task ExportIsRefusedAgainOnceTheToggleIsSwitchedOff()
    {
        using var site = new SampleSite();
        site.Research(on: true);
        await site.ExportAsync();
        site.Research(on: false);

        var refused = await Assert.ThrowsAsync<ResearchDisabledException>(() => site.ExportAsync());

        Assert.Contains("switched off by researcher-bob", refused.Message);
        Assert.Single(site.Store.Read([LogKinds.Export], null, null));
    }

    [Fact]
    public void EverySwitchIsARecordInTheLogAndTheNewestOneCounts()
    {
        using var site = new SampleSite(blocks: 1);

        site.Research(on: true);
        site.Research(on: false);
        site.Research(on: true);

        var switches = site.Store.Read([LogKinds.Research], null, null)
            .Select(r => JsonSerializer.Deserialize(r.Body, LogJson.Default.ResearchBody)!)
            .ToList();
        Assert.Equal([true, false, true], switches.Select(s => s.Enabled));
        Assert.All(switches, s => Assert.Equal("researcher-bob", s.RequestedBy));
        Assert.Equal(SampleLog.Site, site.Store.Last(LogKinds.Research)!.SiteId);
        Assert.True(ResearchToggle.IsEnabled(site.Store));
    }

    [Fact]
    public void AnEmptyLogNeedsTheSiteNamedToRecordASwitch()
    {
        using var dir = new TempDir();
        var store = SampleLog.Create(dir.Path);

        var error = Assert.Throws<StorageException>(() => ResearchToggle.Set(store, true, "bob", TimeProvider.System));

        Assert.Contains("site is unknown", error.Message);
        ResearchToggle.Set(store, true, "bob", TimeProvider.System, siteId: "site-1");
        Assert.True(ResearchToggle.IsEnabled(store));
    }
}
