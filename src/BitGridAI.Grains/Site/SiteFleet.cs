using BitGridAI.Domain.Decisions;
using BitGridAI.Domain.Economics;
using BitGridAI.Domain.Engine;
using BitGridAI.Domain.Fleet;
using BitGridAI.Domain.Signals;
using BitGridAI.Domain.Time;
using BitGridAI.Grains.Abstractions.Devices;
using BitGridAI.Grains.Abstractions.Messages;
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
        var shape = new FleetMiner(miner.Id, miner.Priority, steps, null, null, 0);
        var told = miner.DrawW(context.Actuator == ActuatorState.Throttle ? MinerMode.Eco : DecisionText.ParseMode(reported.CommandedMode));
        return context.MinerRuns && steps.Length > 0 ? shape with { CurrentW = shape.ReadBackW(energy.ValueOrNaN(Signal.MinerPowerW), told) } : shape;
    }

    /// <summary>
    /// The site's energy-path policy and prices for the block (docs/energy-path.md): a fresh hashprice or BTC price from
    /// MQTT (carried with the site's readings) wins over the configured one; a miner's hashrate scales with its draw
    /// from its rated hashrate at the standard mode.
    /// </summary>
    /// <param name="site">The site: its policy, configured prices and miners' rated hashrates.</param>
    /// <param name="blockStart">The block's start (its month picks the heat value).</param>
    /// <param name="siteState">The block's site readings, where MQTT market prices arrive.</param>
    public static EnergyPathPricing Pricing(SiteDefinition site, DateTimeOffset blockStart, in EnergyState siteState)
    {
        // The prices are the site's, the same for every miner and every power asked about: worked out once per block.
        var prices = site.Economics.PricesAt(blockStart, siteState[Signal.HashpriceSatsPerThDay], siteState[Signal.BtcPriceEur]);
        var thsPerW = site.Miners.ToDictionary(m => m.Id, m => m.RatedPowerW > 0 ? m.RatedHashrateThs / m.RatedPowerW : 0, StringComparer.Ordinal);
        var block = TimeSpan.FromSeconds(BlockClock.BlockSeconds);
        return new EnergyPathPricing(site.Economics.Policy,
            (member, powerW) => EnergyPath.Of(powerW, powerW * thsPerW.GetValueOrDefault(member.Miner.Id), block, prices));
    }

    /// <summary>The block's energy path: the values of what the miners will draw, summed, and the path taken.</summary>
    public static EnergyPathRecord Summary(EnergyPathPricing pricing, IReadOnlyList<FleetMember> members, IReadOnlyList<FleetOutcome> outcomes)
    {
        var running = members.Zip(outcomes).Where(p => p.Second.Decision.TargetW > 0)
            .Select(p => pricing.ValuesAt(p.First, p.Second.Decision.TargetW!.Value)).ToArray();
        double? Sum(Func<EnergyPathValues, double?> of) => running.Any(v => of(v) is null) ? null : running.Sum(v => of(v)!.Value);
        return new EnergyPathRecord(
            EnergyPathPolicies.Name(pricing.Policy),
            running.Length > 0 ? "mine" : "export",
            running.Sum(v => v.EnergyKwh),
            running.Sum(v => v.ExportCt),
            Sum(v => v.MiningSats),
            Sum(v => v.MiningCt),
            running.Sum(v => v.HeatCt));
    }
}
