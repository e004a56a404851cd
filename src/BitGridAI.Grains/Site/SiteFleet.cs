using BitGridAI.Domain.Decisions;
using BitGridAI.Domain.Engine;
using BitGridAI.Domain.Fleet;
using BitGridAI.Domain.Signals;
using BitGridAI.Grains.Abstractions.Devices;
using BitGridAI.Grains.Abstractions.Site;

namespace BitGridAI.Grains.Site;

/// <summary>How the site grain's miners enter the fleet allocation (docs/fleet.md).</summary>
internal static class SiteFleet
{
    /// <summary>
    /// A miner as the allocation sees it: its modes' draws are its steps (eco, standard, super), and what it runs at
    /// now is read back — the step nearest the power it reported over the block, or the draw of the mode it was told
    /// when it reported none.
    /// </summary>
    public static FleetMiner MinerOf(DeviceDefinition miner, in DecisionContext context, in EnergyState energy, MinerState reported)
    {
        double[] steps = [.. new[] { miner.EcoDrawW ?? 0, miner.RatedPowerW, miner.SuperDrawW ?? 0 }.Where(w => w > 0).Distinct().Order()];
        var current = 0.0;
        if (context.MinerRuns && steps.Length > 0)
        {
            var measured = energy.ValueOrNaN(Signal.MinerPowerW);
            current = !double.IsNaN(measured) && measured > 0
                ? steps.MinBy(step => Math.Abs(step - measured))
                : miner.DrawW(context.Actuator == ActuatorState.Throttle ? MinerMode.Eco : DecisionText.ParseMode(reported.CommandedMode));
        }
        return new FleetMiner(miner.Id, miner.Priority, steps, null, null, current);
    }

    /// <summary>The miners for which, under the site's energy-path policy, exporting pays more than mining (none yet).</summary>
    public static IReadOnlySet<string> ExportPaysMore(SiteDefinition site, IReadOnlyList<FleetMember> members, DateTimeOffset now) =>
        new HashSet<string>(StringComparer.Ordinal);
}
