using BitGridAI.Domain.Decisions;

namespace BitGridAI.Domain.Fleet;

/// <summary>
/// One miner as the fleet allocation sees it: its priority (1 = first), what it can draw — power steps (modes such as
/// eco/standard/super) or a continuous power-target range — what it draws now, and whether the rules let its draw
/// change this block.
/// </summary>
/// <param name="Id">The miner.</param>
/// <param name="Priority">1 is served first; ties go by id.</param>
/// <param name="StepsW">The powers it can run at, in W (any order; 0 is always possible). Empty when it takes a range.</param>
/// <param name="MinW">The lowest power target it accepts (a range miner), else null.</param>
/// <param name="MaxW">The highest power target it accepts (a range miner), else null.</param>
/// <param name="CurrentW">The step or target it runs at now, as read back from the miner (0 when stopped).</param>
/// <param name="Hold">True when its draw may not change this block (minimum runtime or pause, R5): it keeps <paramref name="CurrentW"/>.</param>
/// <param name="Blocked">True when it must not run (safety lockout, emergency stop, over-temperature): it gets 0.</param>
public sealed record FleetMiner(string Id, int Priority, IReadOnlyList<double> StepsW, double? MinW, double? MaxW, double CurrentW, bool Hold = false, bool Blocked = false)
{
    /// <summary>The largest power this miner can run at that is at most <paramref name="availableW"/>, or 0.</summary>
    public double LargestWithin(double availableW)
    {
        if (MinW is { } min && MaxW is { } max)
        {
            return availableW >= min ? Math.Min(availableW, max) : 0;
        }
        return StepsW.Where(s => s > 0 && s <= availableW).DefaultIfEmpty(0).Max();
    }

    /// <summary>
    /// What a running miner runs at, read back: the option nearest the power it reported (a step, or the reading clamped
    /// to its range), or <paramref name="fallbackW"/> (the draw of the mode it was told) when it reported none.
    /// </summary>
    public double ReadBackW(double measuredW, double fallbackW) => !(measuredW > 0) ? fallbackW
        : IsRange ? Math.Clamp(measuredW, MinW!.Value, MaxW!.Value)
        : StepsW.Count == 0 ? fallbackW : StepsW.MinBy(step => Math.Abs(step - measuredW));

    /// <summary>True when it takes a continuous power target rather than steps.</summary>
    public bool IsRange => MinW is not null && MaxW is not null;

    /// <summary>The most it can draw, W.</summary>
    public double TopW => IsRange ? MaxW!.Value : StepsW.DefaultIfEmpty(0).Max();

    /// <summary>
    /// The engine mode a target selects: none for 0; a range target is standard; of several steps the lowest is eco
    /// and, with three or more, the highest is super (a miner's eco/standard/super draws are its steps).
    /// </summary>
    public MinerMode ModeOf(double targetW)
    {
        if (!(targetW > 0))
        {
            return MinerMode.None;
        }
        if (IsRange)
        {
            return MinerMode.Standard;
        }
        var steps = StepsW.Where(s => s > 0).Distinct().Order().ToArray();
        if (steps.Length > 1 && targetW <= steps[0])
        {
            return MinerMode.Eco;
        }
        return steps.Length >= 3 && targetW >= steps[^1] ? MinerMode.Super : MinerMode.Standard;
    }
}
