using BitGridAI.Storage.EventLog;
using BitGridAI.Storage.Export;
using BitGridAI.Storage.Mirror;
using Microsoft.Extensions.Time.Testing;

namespace BitGridAI.Storage.Tests;

/// <summary>
/// A data directory with a <see cref="SampleLog"/>, a fake clock an hour after its last block, and an output
/// and a mirror target beside it. With the default 6 blocks the log holds 15 records: 3 closed segments of
/// <see cref="SegmentRecords"/> and the head's open one.
/// </summary>
internal sealed class SampleSite : IDisposable
{
    public const int SegmentRecords = 4;

    private readonly TempDir _dir = new();

    public SampleSite(int blocks = 6)
    {
        DataDir = Path.Combine(_dir.Path, "data");
        OutDir = Path.Combine(_dir.Path, "out");
        Target = Path.Combine(_dir.Path, "target");
        Directory.CreateDirectory(DataDir);
        Store = SampleLog.Create(DataDir);
        SampleLog.AddBlocks(Store, blocks);
        Clock = new FakeTimeProvider(SampleLog.BlockEnd(blocks).AddHours(1));
    }

    public string DataDir { get; }

    public string OutDir { get; }

    public string Target { get; }

    public EventLogStore Store { get; }

    public FakeTimeProvider Clock { get; }

    public void Research(bool on) => ResearchToggle.Set(Store, on, "researcher-bob", Clock);

    public Task<ExportResult> ExportAsync(bool anonymise = false, DateTimeOffset? from = null, DateTimeOffset? to = null, string? outDir = null) =>
        ResearchExport.RunAsync(Store, new ExportRequest(outDir ?? OutDir, from, to, anonymise, "researcher-bob"), Clock);

    /// <summary>Research on, then an export into <c>{data}/exports</c>, where the mirror finds it.</summary>
    public Task<ExportResult> ExportForMirrorAsync()
    {
        Research(on: true);
        return ExportAsync(outDir: Path.Combine(DataDir, MirrorOptions.DefaultExportsDir));
    }

    public MirrorPushReport Push() => new MirrorRun(new MirrorOptions(DataDir, Target, SegmentRecords)).Push();

    public MirrorReport Verify() => MirrorVerifier.Verify(DataDir, Target);

    public string InTarget(string name) => Path.Combine(Target, name.Replace('/', Path.DirectorySeparatorChar));

    public void Dispose() => _dir.Dispose();
}
