using BitGridAI.Domain.Decisions;

namespace BitGridAI.Domain.Fleet;

/// <summary>
/// What the allocation gives one miner: a power target in W (0 = stop) and why. The engine turns it into the
/// miner's decision (RULES.md §6), so it travels in the decision's context and is recorded with it.
/// </summary>
/// <param name="MinerId">The miner.</param>
/// <param name="TargetW">The step or target it should run at, W; 0 = not running.</param>
/// <param name="Reason">Why it got that.</param>
public sealed record FleetShare(string MinerId, double TargetW, FleetReason Reason)
{
    /// <summary>What it runs at now (read back), W.</summary>
    public double CurrentW { get; init; }

    /// <summary>What was left of the budget when its turn came (after held miners and higher priorities), W.</summary>
    public double LeftW { get; init; }

    /// <summary>The engine mode the target selects (eco for the lowest of several steps, super for the highest of three or more).</summary>
    public MinerMode Mode { get; init; }

    /// <summary>The site's surplus for the miners (PV minus house load), W; NaN when unknown.</summary>
    public double SurplusW { get; init; } = double.NaN;

    /// <summary>The reserve kept out of the allocation, W.</summary>
    public double ReserveW { get; init; }

    /// <summary>Energy-path values of a block at the miner's share (or at its top step when it got none): what exporting that energy would earn, ct.</summary>
    public double? ExportCt { get; init; }

    /// <summary>What mining it earns in the block, sats (null when the hashprice is unknown).</summary>
    public double? MiningSats { get; init; }

    /// <summary>The same in ct (null when the BTC price is unknown).</summary>
    public double? MiningCt { get; init; }

    /// <summary>What its heat is worth in the block, ct (0 when heat is not useful that month).</summary>
    public double? HeatCt { get; init; }

    /// <summary>Whether the target lowers the miner's draw (a lowering passes the soft band like a stop).</summary>
    public bool Lowers => TargetW < CurrentW;
}

/// <summary>Why a miner got its share.</summary>
public enum FleetReason
{
    /// <summary>The largest step or target that fits in what is left after higher priorities.</summary>
    Allocated,

    /// <summary>Nothing it can run at fits in what is left: 0.</summary>
    NoBudget,

    /// <summary>Its draw may not change this block (R5): it keeps it.</summary>
    Held,

    /// <summary>It must not run (lockout, emergency stop, over-temperature): 0.</summary>
    Blocked,

    /// <summary>In the soft SoC band it may not be raised: it keeps or lowers its draw.</summary>
    SoftBandNoRaise,

    /// <summary>Policy max_value: exporting its energy is worth more than mining plus heat: 0.</summary>
    ExportPaysMore,
}
