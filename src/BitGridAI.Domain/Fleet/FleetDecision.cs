using BitGridAI.Domain.Config;
using BitGridAI.Domain.Decisions;
using BitGridAI.Domain.Economics;
using BitGridAI.Domain.Engine;
using BitGridAI.Domain.Signals;

namespace BitGridAI.Domain.Fleet;

/// <summary>
/// One block's decisions for a site with several miners (docs/fleet.md): each miner first passes the engine's steps
/// 1–4 alone (R3, overrides, the protective checks, MANUAL); what those leave running is kept, what they stop gets
/// nothing; miners R5 holds keep their draw; the surplus is shared among the rest by <see cref="FleetAllocator"/>;
/// then every miner is decided by the engine with its share in its context, so each decision can be replayed alone.
/// Pure and deterministic.
/// </summary>
public static class FleetDecision
{
    /// <param name="members">The site's miners with their readings and context (Fleet and OtherMinersW are set here).</param>
    /// <param name="config">The site's thresholds (reserve, hysteresis, soft band); each member keeps its own for its decision.</param>
    /// <param name="pricing">The energy-path policy and each miner's values at a power (docs/energy-path.md); null: no values, mine.</param>
    public static IReadOnlyList<FleetOutcome> Decide(IReadOnlyList<FleetMember> members, EngineConfig config, EnergyPathPricing? pricing = null)
    {
        // Under max_value a miner whose mining plus heat is worth less than exporting its energy gets nothing; the
        // comparison is per kWh of that miner, so its top step tells.
        var exportPaysMore = pricing is null ? new HashSet<string>(StringComparer.Ordinal)
            : members.Where(m => !EnergyPath.Mines(pricing.Policy, pricing.ValuesAt(m, m.Miner.TopW))).Select(m => m.Miner.Id).ToHashSet(StringComparer.Ordinal);
        if (members.Count == 0)
        {
            return [];
        }
        var contexts = members.Select(m => m.Context with { OtherMinersW = OthersDrawW(members, m), Fleet = null, ReservedW = 0 }).ToArray();
        var first = members[0];
        var pv = first.State.ValueOrNaN(Signal.PvPowerW);
        var surplusW = pv - DecisionEngine.HouseLoadW(first.State, contexts[0]);
        var noRaise = DecisionEngine.RaiseForbidden(first.State, contexts[0], config) != DecisionCode.Unknown;

        // Steps 1–4 alone: a miner they decide is not the allocation's to move. The engine gives a target only to a
        // decision its share branch made, so a decision without one came from steps 1–4 (or the soc_band strategy).
        var fixedDraw = members.Select((m, i) => DecisionEngine.Decide(m.State, contexts[i] with { Fleet = Probe(m) }, m.Config) is var alone
            && alone.TargetW is null ? DrawAfter(alone, m) : (double?)null).ToArray();

        // R5 and SEMI may keep a miner at its draw whatever its share says; such a miner's draw is taken off the
        // budget first. Repeat until no share asks for a change the rules would hold (each round holds one more).
        var held = new bool[members.Count];
        IReadOnlyList<FleetShare> shares;
        while (true)
        {
            var fleet = members.Select((m, i) => m.Miner with
            {
                Blocked = fixedDraw[i] is 0 || (fixedDraw[i] is null && !held[i] && exportPaysMore.Contains(m.Miner.Id)),
                Hold = fixedDraw[i] is > 0 || held[i],
                CurrentW = fixedDraw[i] is { } draw and > 0 ? draw : m.Miner.CurrentW,
            }).ToArray();
            shares = FleetAllocator.Allocate(surplusW, config.FleetReserveW, noRaise, fleet, config.FleetHysteresisW);
            var more = false;
            for (var i = 0; i < members.Count; i++)
            {
                if (fixedDraw[i] is null && !held[i] && WouldBeKept(shares[i], contexts[i], members[i]))
                {
                    held[i] = true;
                    more = true;
                }
            }
            if (!more)
            {
                break;
            }
        }

        var outcomes = new FleetOutcome[members.Count];
        for (var i = 0; i < members.Count; i++)
        {
            var m = members[i];
            var share = shares[i] with { SurplusW = surplusW, ReserveW = config.FleetReserveW };
            if (fixedDraw[i] is null && held[i])
            {
                // Held by R5: it keeps its draw. Kept running in SEMI: its share is what the allocation would give (0).
                share = DecisionEngine.HoldsChange(contexts[i], m.Config)
                    ? share with { Reason = FleetReason.Held, TargetW = m.Miner.CurrentW, Mode = m.Miner.ModeOf(m.Miner.CurrentW) }
                    : share with { Reason = exportPaysMore.Contains(m.Miner.Id) ? FleetReason.ExportPaysMore : FleetReason.NoBudget, TargetW = 0, Mode = MinerMode.None };
            }
            else if (fixedDraw[i] is null && exportPaysMore.Contains(m.Miner.Id))
            {
                share = share with { Reason = FleetReason.ExportPaysMore, TargetW = 0, Mode = MinerMode.None };
            }
            if (pricing is not null)
            {
                // The values of a block at its share, or at its top step when it got none: what mining would have been worth.
                var values = pricing.ValuesAt(m, share.TargetW > 0 ? share.TargetW : m.Miner.TopW);
                share = share with { ExportCt = values.ExportCt, MiningSats = values.MiningSats, MiningCt = values.MiningCt, HeatCt = values.HeatCt };
            }
            var context = contexts[i] with { Fleet = share with { MinerId = m.Miner.Id } };
            var decision = DecisionEngine.Decide(m.State, context, m.Config);
            // Steps 1–4 do not read the share; what the miner draws after them is the allocation's to know.
            outcomes[i] = new FleetOutcome(m.Miner.Id, decision.TargetW is null ? decision with { TargetW = DrawAfter(decision, m) } : decision, context);
        }
        return outcomes;
    }

    /// <summary>A share that changes nothing: with it the engine goes past steps 1–4 only if nothing there decides.</summary>
    private static FleetShare Probe(FleetMember m) =>
        new(m.Miner.Id, m.Miner.CurrentW, FleetReason.Allocated) { CurrentW = m.Miner.CurrentW, Mode = m.Miner.ModeOf(m.Miner.CurrentW) };

    /// <summary>What a miner draws after a decision of steps 1–4: a START/THROTTLE override's step, what a NOOP keeps, or 0.</summary>
    private static double DrawAfter(in Decision decision, FleetMember m) => decision.Action switch
    {
        DecisionAction.Start or DecisionAction.Throttle => m.DrawOf(decision.Mode),
        DecisionAction.Noop when m.Context.MinerRuns => m.Miner.CurrentW,
        _ => 0,
    };

    /// <summary>
    /// True when the engine would keep the miner as it is against this share: R5 holds a change of its actuator, or
    /// SEMI leaves an economic stop to a person.
    /// </summary>
    private static bool WouldBeKept(FleetShare share, in DecisionContext context, FleetMember m)
    {
        var wanted = share.TargetW > 0 ? (share.Mode == MinerMode.Eco ? ActuatorState.Throttle : ActuatorState.Start) : ActuatorState.Stop;
        var changes = context.Actuator != ActuatorState.Unknown && wanted != context.Actuator && !(wanted == ActuatorState.Stop && !context.MinerRuns);
        if (changes && DecisionEngine.HoldsChange(context, m.Config))
        {
            return true;
        }
        return context.Autonomy == Autonomy.Semi && context.MinerRuns && wanted == ActuatorState.Stop;
    }

    /// <summary>
    /// What the site's other miners draw: measured when they report it, 0 when stopped, else what they run at. An
    /// unknown draw counted as 0 would overstate the house load, which only errs towards less surplus.
    /// </summary>
    private static double OthersDrawW(IReadOnlyList<FleetMember> members, FleetMember me) => members
        .Where(m => !ReferenceEquals(m, me))
        .Sum(m => m.State.ValueOrNaN(Signal.MinerPowerW) is var measured && !double.IsNaN(measured)
            ? measured
            : m.Context.Actuator is ActuatorState.Start or ActuatorState.Throttle ? m.Miner.CurrentW : 0);
}

/// <summary>One miner of the fleet as the block sees it.</summary>
/// <param name="Miner">Its steps or range, priority and read-back draw (Hold and Blocked are set by the decision).</param>
/// <param name="State">Its readings with the site's.</param>
/// <param name="Context">Its context (actuator, R5 counters, lockout, override, autonomy).</param>
/// <param name="Config">Its thresholds (the site's with its own chip limits).</param>
public sealed record FleetMember(FleetMiner Miner, EnergyState State, DecisionContext Context, EngineConfig Config)
{
    /// <summary>The draw of an engine mode on this miner: its eco, middle or top step; for a range, the top.</summary>
    public double DrawOf(MinerMode mode)
    {
        if (Miner.IsRange)
        {
            return Miner.TopW;
        }
        var steps = Miner.StepsW.Where(s => s > 0).Distinct().Order().ToArray();
        return steps.Length == 0 ? 0 : mode switch
        {
            MinerMode.Eco => steps[0],
            MinerMode.Super => steps[^1],
            _ => steps.Length >= 3 ? steps[steps.Length / 2] : steps[^1],
        };
    }
}

/// <summary>The site's energy-path policy and what a miner's block is worth at a power (docs/energy-path.md).</summary>
/// <param name="Policy">self_consumption_first or max_value.</param>
/// <param name="ValuesAt">A miner's export, mining and heat values for one block at a power in W.</param>
public sealed record EnergyPathPricing(EnergyPathPolicy Policy, Func<FleetMember, double, EnergyPathValues> ValuesAt);

/// <summary>A miner's decision in the block and the context it was taken in (its share included), for the record.</summary>
public sealed record FleetOutcome(string MinerId, Decision Decision, DecisionContext Context);
