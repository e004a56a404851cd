namespace BitGridAI.Domain.Fleet;

/// <summary>
/// Shares the surplus among a site's miners, highest priority first, each at the largest step or target that fits
/// in what is left (docs/fleet.md). Pure and deterministic. The budget is the surplus minus a reserve (default 0 W),
/// never below 0: the allocation never plans grid import or battery discharge. Blocked miners get 0; held miners (R5)
/// keep their draw and it is taken from the budget first; in the soft SoC band no miner is raised. A raise must clear
/// a hysteresis band, so a surplus that wobbles around a step sends no command; a lowering never waits, because
/// waiting would plan import.
/// </summary>
public static class FleetAllocator
{
    /// <param name="surplusW">The surplus the miners may use (PV minus the house load, the miners' own draw not counted), W.</param>
    /// <param name="reserveW">Left unallocated on purpose, W (≥ 0).</param>
    /// <param name="softBand">True in the soft SoC band: a miner may keep or lower its draw, never raise it.</param>
    /// <param name="miners">The site's miners.</param>
    /// <param name="hysteresisW">How much room beyond a higher step a raise needs, W (≥ 0).</param>
    public static IReadOnlyList<FleetShare> Allocate(double surplusW, double reserveW, bool softBand, IReadOnlyList<FleetMiner> miners,
        double hysteresisW = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(reserveW);
        ArgumentOutOfRangeException.ThrowIfNegative(hysteresisW);
        var left = double.IsFinite(surplusW) ? Math.Max(0, surplusW - reserveW) : 0;
        var shares = new Dictionary<string, FleetShare>(StringComparer.Ordinal);
        foreach (var miner in miners.Where(m => m.Blocked))
        {
            shares[miner.Id] = Share(miner, 0, FleetReason.Blocked, left);
        }
        // A held miner draws what it draws whatever the allocation says: the others share what is left after it.
        // Taken off in id order so the floating-point remainder does not depend on the order of the list.
        foreach (var miner in miners.Where(m => !m.Blocked && m.Hold).OrderBy(m => m.Id, StringComparer.Ordinal))
        {
            shares[miner.Id] = Share(miner, miner.CurrentW, FleetReason.Held, left);
            left -= miner.CurrentW;
        }
        foreach (var miner in miners.Where(m => !m.Blocked && !m.Hold).OrderBy(m => m.Priority).ThenBy(m => m.Id, StringComparer.Ordinal))
        {
            var room = Math.Max(0, left);
            var target = miner.LargestWithin(room);
            if (target > miner.CurrentW)
            {
                // A raise has to clear the band; otherwise the miner keeps what it draws (or the most below it that fits).
                var raised = miner.LargestWithin(Math.Max(0, room - hysteresisW));
                target = raised > miner.CurrentW ? raised : miner.LargestWithin(Math.Min(room, miner.CurrentW));
            }
            var reason = target > 0 ? FleetReason.Allocated : FleetReason.NoBudget;
            if (softBand && target > miner.CurrentW)
            {
                // No raise in the soft band: keep what it draws if that still fits, else the largest option below it.
                target = miner.LargestWithin(Math.Min(room, miner.CurrentW));
                reason = FleetReason.SoftBandNoRaise;
            }
            shares[miner.Id] = Share(miner, target, reason, room);
            left -= target;
        }
        return [.. miners.Select(m => shares[m.Id])];
    }

    private static FleetShare Share(FleetMiner miner, double targetW, FleetReason reason, double leftW) =>
        new(miner.Id, targetW, reason) { CurrentW = miner.CurrentW, LeftW = Math.Max(0, leftW), Mode = miner.ModeOf(targetW) };
}
