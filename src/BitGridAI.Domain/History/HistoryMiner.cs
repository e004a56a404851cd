using BitGridAI.Domain.Config;
using BitGridAI.Domain.Decisions;

namespace BitGridAI.Domain.History;

/// <summary>
/// A miner as a recorded configuration version describes it: its draws per mode, its own chip limits and its rated
/// hashrate. <see cref="Slot"/> numbers the miner across every version of a history (its id's place), so a miner
/// keeps its track and counters when the configuration changes.
/// </summary>
public sealed record HistoryMiner(
    string Id,
    int Slot,
    double RatedPowerW,
    double? EcoDrawW,
    double? SuperDrawW,
    double? MaxChipTempC,
    double? ResumeChipTempC,
    double RatedHashrateThs)
{
    /// <summary>The draw in <paramref name="mode"/>; a mode without a figure counts at the largest draw the miner has (as the site reserves it).</summary>
    public double DrawW(MinerMode mode) => mode switch
    {
        MinerMode.Eco when EcoDrawW is { } eco => eco,
        MinerMode.Standard => RatedPowerW,
        MinerMode.Super when SuperDrawW is { } super => super,
        _ => Math.Max(RatedPowerW, Math.Max(EcoDrawW ?? 0, SuperDrawW ?? 0)),
    };

    /// <summary>
    /// Estimated TH/s per W drawn (rated hashrate over rated power), or NaN when either is unknown: sats are then
    /// missing, never 0.
    /// </summary>
    public double ThsPerW => RatedHashrateThs > 0 && RatedPowerW > 0 && double.IsFinite(RatedHashrateThs / RatedPowerW)
        ? RatedHashrateThs / RatedPowerW
        : double.NaN;

    /// <summary>The site's thresholds with this miner's chip limits where they are stricter (as the site decides it).</summary>
    public EngineConfig EngineFor(EngineConfig site) => MaxChipTempC is null && ResumeChipTempC is null
        ? site
        : site with
        {
            MaxChipTempC = Math.Min(site.MaxChipTempC, MaxChipTempC ?? double.MaxValue),
            TResumeC = Math.Min(site.TResumeC, ResumeChipTempC ?? double.MaxValue),
        };
}
