using BitGridAI.Silo.Hosting;
using BitGridAI.Simulator;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace BitGridAI.Silo.Tests;

public sealed class SimulatedSiteStoreTests : IDisposable
{
    private static readonly DateTimeOffset JuneNoon = new(2026, 6, 21, 12, 0, 0, TimeSpan.Zero);
    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), "bitgrid-site-" + Guid.NewGuid().ToString("N"));
    private readonly RecordingLogger _log = new();

    private string SiteFile => Path.Combine(_dataDir, SimulatedSiteStore.FileName);

    private static SimulatedSite NewSite(FakeTimeProvider clock) => new(new SimulatedSiteOptions { InitialSocPct = 60 }, clock);

    [Fact]
    public void ASavedSiteIsRestoredIntoTheNextRunsSite()
    {
        var clock = new FakeTimeProvider(JuneNoon);
        var site = NewSite(clock);
        clock.Advance(TimeSpan.FromHours(2)); // a sunny June noon charges the battery
        var store = new SimulatedSiteStore(_dataDir, _log);
        store.Save(site.Snapshot());
        var saved = site.ReadNow().SocPct;

        var restarted = NewSite(new FakeTimeProvider(clock.GetUtcNow()));

        Assert.True(new SimulatedSiteStore(_dataDir, _log).RestoreInto(restarted));
        Assert.NotEqual(60, saved);
        Assert.Equal(saved, restarted.ReadNow().SocPct);
        Assert.False(File.Exists(SiteFile + ".tmp"), "the temp file of the atomic write was left behind");
    }

    [Fact]
    public void AFirstStartHasNothingToRestoreAndSaysNothing()
    {
        Assert.False(new SimulatedSiteStore(_dataDir, _log).RestoreInto(NewSite(new FakeTimeProvider(JuneNoon))));
        Assert.Empty(_log.Warnings);
    }

    [Theory]
    [InlineData("", "not a readable snapshot")]
    [InlineData("{ \"format\": 1, \"snapshot\": { \"site\": ", "not a readable snapshot")]
    [InlineData("{ \"format\": 7 }", "format 7")]
    [InlineData("soc 150", "SoC 150 %")]
    [InlineData("chip 5000", "chip temperature 5000 °C")]
    public void AFileItCannotUseStartsTheSiteFreshWithOneWarningNamingFileAndFault(string content, string fault)
    {
        Directory.CreateDirectory(_dataDir);
        File.WriteAllText(SiteFile, content switch
        {
            "soc 150" => SavedJson().Replace("\"soc_pct\": 60", "\"soc_pct\": 150", StringComparison.Ordinal),
            "chip 5000" => SavedJson().Replace("\"chip_c\": 22", "\"chip_c\": 5000", StringComparison.Ordinal),
            _ => content,
        });
        var site = NewSite(new FakeTimeProvider(JuneNoon));

        Assert.False(new SimulatedSiteStore(_dataDir, _log).RestoreInto(site));

        Assert.Equal(60, site.ReadNow().SocPct);
        var warning = Assert.Single(_log.Warnings);
        Assert.Contains(SiteFile, warning, StringComparison.Ordinal);
        Assert.Contains(fault, warning, StringComparison.Ordinal);
        Assert.Contains("starts fresh", warning, StringComparison.Ordinal);
    }

    /// <summary>A fresh site's file at noon: SoC 60, the chip at the ambient 22 °C.</summary>
    private static string SavedJson()
    {
        var json = SimulatedSiteSnapshotJson.Write(NewSite(new FakeTimeProvider(JuneNoon)).Snapshot());
        Assert.Contains("\"soc_pct\": 60", json, StringComparison.Ordinal);
        Assert.Contains("\"chip_c\": 22", json, StringComparison.Ordinal);
        return json;
    }

    public void Dispose()
    {
        if (Directory.Exists(_dataDir))
        {
            Directory.Delete(_dataDir, recursive: true);
        }
    }

    private sealed class RecordingLogger : ILogger<SimulatedSiteStore>
    {
        public List<string> Warnings { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel == LogLevel.Warning)
            {
                Warnings.Add(formatter(state, exception));
            }
        }
    }
}
