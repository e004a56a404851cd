using BitGridAI.Domain.Config;
using BitGridAI.Domain.Decisions;
using BitGridAI.Domain.Physics;

namespace BitGridAI.Domain.History;


/// <summary>
/// One recorded configuration version (the log's <c>config</c> record): the engine thresholds, the miners in the
/// order the site decides them, the battery when one is configured, and the economics the KPIs price energy with.
/// </summary>
public sealed class HistoryConfig
{
    public HistoryConfig(string hash, EngineConfig engine, Strategy strategy, IReadOnlyList<HistoryMiner> miners, HomeBattery? battery, HistoryEconomics economics)
    {
        Hash = hash;
        Engine = engine;
        Strategy = strategy;
        Miners = miners;
        Battery = battery;
        Economics = economics;
        MinerEngines = [.. miners.Select(m => m.EngineFor(engine))];
    }

    public string Hash { get; }

    public EngineConfig Engine { get; }

    public Strategy Strategy { get; }

    public IReadOnlyList<HistoryMiner> Miners { get; }

    public HomeBattery? Battery { get; }

    public HistoryEconomics Economics { get; }

    /// <summary>Per miner (same order as <see cref="Miners"/>), the engine configuration it was decided with.</summary>
    public IReadOnlyList<EngineConfig> MinerEngines { get; }

    /// <summary>The same version with other site thresholds (a what-if); miners' stricter chip limits still apply.</summary>
    public HistoryConfig WithEngine(EngineConfig engine) => new(Hash, engine, Strategy, Miners, Battery, Economics);
}
