using BitGridAI.Domain.Signals;
using BitGridAI.Grains.Abstractions.Messages;
using BitGridAI.Grains.Abstractions.Recording;
using BitGridAI.Storage;
using BitGridAI.Storage.EventLog;
using BitGridAI.Cli.Tests.Support;

namespace BitGridAI.Cli.Tests.Research;

/// <summary>A silo's data directory with 12 recorded blocks of one miner, before the console's fake clock.</summary>
internal sealed class RecordedSite : IDisposable
{
    public const string Miner = "whatsminer-M30-SN5550123";
    private readonly TempDirectory _dir = new();

    public RecordedSite()
    {
        Directory.CreateDirectory(DataDir);
        Store = new EventLogStore(new SqliteDatabase(EventLogStore.PathIn(DataDir)));
        var start = Bitgrid.ClockNow.AddDays(-1);
        for (var b = 0; b < 12; b++)
        {
            var end = start.AddMinutes(10 * (b + 1));
            var blockId = $"block-{b}";
            Store.Append([new LogEntry(LogKinds.Block, "site-1", end, $"block:{blockId}", LogJson.Write(new BlockBody(blockId, end.AddMinutes(-10), end,
                [new DeviceWindow(Miner, [new WindowSummary(Signal.MinerTempC, 10, 60, 62, 61, end)], end, 0)], [], null)))]);
        }
    }

    public string DataDir => _dir.Combine("data");

    public string Out => _dir.Combine("out");

    public string Target => _dir.Combine("target");

    public EventLogStore Store { get; }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }
}
