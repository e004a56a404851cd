using BitGridAI.Storage.EventLog;
using BitGridAI.Storage.Export;
using Microsoft.Extensions.Time.Testing;

namespace BitGridAI.Storage.Tests.Export;

/// <summary>A data directory with a sample log, a fake clock after its last block, and an output directory.</summary>
internal sealed class ResearchExportFixture : IDisposable
{
    private readonly TempDir _dir = new();

    public ResearchExportFixture(int blocks = 6)
    {
        DataDir = Path.Combine(_dir.Path, "data");
        OutDir = Path.Combine(_dir.Path, "out");
        Directory.CreateDirectory(DataDir);
        Store = SampleLog.Create(DataDir);
        SampleLog.AddBlocks(Store, blocks);
        Clock = new FakeTimeProvider(SampleLog.BlockEnd(blocks).AddHours(1));
    }

    public string DataDir { get; }

    public string OutDir { get; }

    public EventLogStore Store { get; }

    public FakeTimeProvider Clock { get; }

    public void Research(bool on) => ResearchToggle.Set(Store, on, "researcher-bob", Clock);

    public Task<ExportResult> ExportAsync(bool anonymise = false, DateTimeOffset? from = null, DateTimeOffset? to = null) =>
        ResearchExport.RunAsync(Store, new ExportRequest(OutDir, from, to, anonymise, "researcher-bob"), Clock);

    public void Dispose() => _dir.Dispose();
}
