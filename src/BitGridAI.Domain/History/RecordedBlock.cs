using BitGridAI.Domain.Decisions;
using BitGridAI.Domain.Engine;
using BitGridAI.Domain.Signals;

namespace BitGridAI.Domain.History;

/// <summary>The site meters' means over a block's window, in W and % (the SoC is its last value); NaN = missing.</summary>
public record struct SiteMeans(double PvW, double HouseLoadW, double GridImportW, double GridExportW, double BatteryPowerW, double SocPct)
{
    public static SiteMeans Missing => new(double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN);
}

/// <summary>
/// One recorded block tick decision of one miner: the readings and context the engine saw and the code it gave.
/// <see cref="Miner"/> indexes the block's configuration's miners.
/// </summary>
public readonly record struct RecordedDecision(int Miner, DecisionCode Code, EnergyState State, DecisionContext Context, double LatencySec);

/// <summary>What else happened in a block: a safety stop between ticks, or an override request.</summary>
public enum RecordedEventKind
{
    SafetyStop = 1,
    OverrideAccepted = 2,
    OverrideRefused = 3,
}

/// <summary>A safety stop (with its code and miner slot, −1 when unknown) or an override request in a block.</summary>
public readonly record struct RecordedEvent(RecordedEventKind Kind, DecisionCode Code, int MinerSlot);

/// <summary>
/// A closed block as the log recorded it: the meters' means of the window that closed at its start, each miner's
/// measured draw (NaN = missing), its block tick decisions in priority order, and the events between ticks.
/// <see cref="Config"/> is null when the block names no configuration the log holds.
/// </summary>
public sealed class RecordedBlock(long blockIndex, HistoryConfig? config, SiteMeans site, double[] minerPowerW, RecordedDecision[] decisions, RecordedEvent[] events)
{
    public long BlockIndex { get; } = blockIndex;

    public HistoryConfig? Config { get; } = config;

    public SiteMeans Site { get; } = site;

    /// <summary>Per miner of <see cref="Config"/> (its order), the mean measured draw in W; NaN = missing.</summary>
    public double[] MinerPowerW { get; } = minerPowerW;

    public RecordedDecision[] Decisions { get; } = decisions;

    public RecordedEvent[] Events { get; } = events;
}

/// <summary>A recorded range, blocks in order, with the miners' ids by slot and how many records could not be used.</summary>
public sealed record RecordedHistory(IReadOnlyList<RecordedBlock> Blocks, IReadOnlyList<string> MinerIds, int SkippedRecords)
{
    /// <summary>Why records were skipped, one line per reason with its count.</summary>
    public IReadOnlyList<string> SkipReasons { get; init; } = [];
}
