namespace BitGridAI.Domain.Fleet;

/// <summary>
/// Shares the surplus among a site's miners, highest priority first, each at the largest step or target that fits
/// in what is left (docs/fleet.md). Pure and deterministic. The budget is the surplus minus a reserve (default 0 W),
/// never below 0: the allocation never plans grid import or battery discharge. Blocked miners get 0; held miners (R5)
/// keep their draw and it is taken from the budget first; in the soft SoC band no miner is raised.
/// </summary>
public static class FleetAllocator
{
    /// <param name="surplusW">The surplus the miners may use (PV minus the house load, the miners' own draw not counted), W.</param>
    /// <param name="reserveW">Left unallocated on purpose, W (≥ 0).</param>
    /// <param name="softBand">True in the soft SoC band: a miner may keep or lower its draw, never raise it.</param>
    /// <param name="miners">The site's miners.</param>
    public static IReadOnlyList<FleetShare> Allocate(double surplusW, double reserveW, bool softBand, IReadOnlyList<FleetMiner> miners)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(reserveW);
        var left = double.IsFinite(surplusW) ? Math.Max(0, surplusW - reserveW) : 0;
        var shares = new Dictionary<string, FleetShare>(StringComparer.Ordinal);
        foreach (var miner in miners.Where(m => m.Blocked))
        {
            shares[miner.Id] = new FleetShare(miner.Id, 0, FleetReason.Blocked);
        }
        // A held miner draws what it draws whatever the allocation says: the others share what is left after it.
        // Taken off in id order so the floating-point remainder does not depend on the order of the list.
        foreach (var miner in miners.Where(m => !m.Blocked && m.Hold).OrderBy(m => m.Id, StringComparer.Ordinal))
        {
            shares[miner.Id] = new FleetShare(miner.Id, miner.CurrentW, FleetReason.Held);
            left -= miner.CurrentW;
        }
        foreach (var miner in miners.Where(m => !m.Blocked && !m.Hold).OrderBy(m => m.Priority).ThenBy(m => m.Id, StringComparer.Ordinal))
        {
            var target = miner.LargestWithin(Math.Max(0, left));
            var reason = target > 0 ? FleetReason.Allocated : FleetReason.NoBudget;
            if (softBand && target > miner.CurrentW)
            {
                // No raise in the soft band: keep what it draws if that still fits, else the largest option below it.
                target = miner.LargestWithin(Math.Min(Math.Max(0, left), miner.CurrentW));
                reason = FleetReason.SoftBandNoRaise;
            }
            shares[miner.Id] = new FleetShare(miner.Id, target, reason);
            left -= target;
        }
        return [.. miners.Select(m => shares[m.Id])];
    }
}

/// <summary>What the allocation gives one miner: a power target in W (0 = stop) and why.</summary>
public sealed record FleetShare(string MinerId, double TargetW, FleetReason Reason);

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
}
