using BitGridAI.Domain.Config;
using BitGridAI.Domain.Decisions;
using BitGridAI.Domain.Engine;
using BitGridAI.Domain.Signals;

namespace BitGridAI.Explain.Counterfactuals;

/// <summary>
/// What would have changed a decision: for each measured signal (RULES.md §1) and each numeric threshold (§3),
/// the smallest change of that one input, up or down, that gives another ACTION. A new code with the same action
/// (NOOP_R1_INSUFFICIENT_SURPLUS → NOOP_R1_PRICE_TOO_HIGH) is the same outcome for the person and does not count;
/// a NOOP that keeps a running miner and a STOP are different actions and do.
/// </summary>
/// <remarks>
/// <para>
/// Every result is exact: the engine was run at <see cref="Counterfactual.To"/> and gave
/// <see cref="Counterfactual.ResultCode"/>, and one display step nearer <see cref="Counterfactual.From"/> it still
/// gave the original action (see <see cref="DisplayUnit"/> for the steps). Values lie on the display grid, so the
/// text shows exactly the number that was checked.
/// </para>
/// <para>
/// Only inputs that are measured are changed. A house load derived from the balance (RULES.md §1) is no input of
/// its own: it follows PV, grid and battery, so changing it alone would describe a house that cannot exist. Then
/// the surplus moves through grid_import_w, grid_export_w, battery_power_w or miner_power_w instead — and not
/// through pv_power_w, which the derived house load absorbs.
/// </para>
/// <para>
/// A missing (or rejected) signal is offered as "if it were measured at To" with From = NaN, only when one
/// plausible value changes the action; a switched-off threshold (price_max_ct_kwh = null) likewise as "if it were
/// set to To". Thresholds are changed only within their range and only so far as the config stays valid
/// (soc_hard_min_pct ≤ soc_soft_min_pct and the other orderings); with an invalid config none are offered.
/// </para>
/// <para>
/// An empty list means no single change suffices: the renderer says "nothing short of …". The engine is run a few
/// thousand times per call; signal probes allocate nothing, threshold probes one config record each.
/// </para>
/// </remarks>
public static class CounterfactualSearch
{
    /// <summary>At most this many signal changes and this many threshold changes are returned.</summary>
    public const int MaxPerKind = 4;

    /// <summary>The most relevant changes, at most <see cref="MaxPerKind"/> signals and as many thresholds, smallest relative change first.</summary>
    public static IReadOnlyList<Counterfactual> Find(in EnergyState state, in DecisionContext context, EngineConfig config)
    {
        var all = All(state, context, config);
        var result = new List<Counterfactual>(2 * MaxPerKind);
        int signals = 0, thresholds = 0;
        foreach (var change in all)
        {
            ref var taken = ref change.IsThreshold ? ref thresholds : ref signals;
            if (taken < MaxPerKind)
            {
                taken++;
                result.Add(change);
            }
        }
        return result;
    }

    /// <summary>
    /// R3's limits are not offered as levers: "the miner would run if its chip limit were 90 °C" is exact, but an
    /// explanation must not invite anyone to loosen what protects the hardware (and tightening them is noise).
    /// </summary>
    private static readonly HashSet<string> SafetyLimits = ["max_chip_temp_c", "t_resume_c", "comm_timeout_sec", "safety_lockout_min"];

    /// <summary>Every change found, one per input and direction, smallest relative change first.</summary>
    internal static List<Counterfactual> All(in EnergyState state, in DecisionContext context, EngineConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var decision = DecisionEngine.Decide(state, context, config);
        var evaluation = new Evaluation(state, context, config);
        var effect = MinerEffect.Of(decision.Code, context.Actuator);
        var found = new List<Ranked>();
        // Only what the engine reads can change its decision; the market prices would be searched in vain.
        foreach (var signal in SignalInfo.EngineInputs)
        {
            if (signal == Signal.HouseLoadW && decision.HouseLoadDerived)
            {
                continue;
            }
            var probe = new SignalProbe(evaluation, signal);
            var from = state.ValueOrNaN(signal);
            Search(ref probe, effect, SignalInfo.Name(signal), isThreshold: false, from,
                SignalInfo.Min(signal), SignalInfo.Max(signal), found);
        }

        if (ConfigBounds.IsValid(config))
        {
            foreach (var key in ConfigKeys.Numeric)
            {
                if (SafetyLimits.Contains(key.Name))
                {
                    continue;
                }
                var probe = new KeyProbe(evaluation, key);
                var from = key.Get(config) ?? double.NaN;
                var unit = DisplayUnit.For(key.Name);
                var (low, high) = ConfigBounds.Of(key, config, unit, double.IsNaN(from) ? 0 : from);
                var before = found.Count;
                Search(ref probe, effect, key.Name, isThreshold: true, from, low, high, found);
                // The bounds mirror the validator; the validator has the last word.
                for (var i = found.Count - 1; i >= before; i--)
                {
                    if (!ConfigBounds.IsValid(probe.ConfigAt(found[i].Change.To)))
                    {
                        found.RemoveAt(i);
                    }
                }
            }
        }

        found.Sort(Ranked.Compare);
        return found.ConvertAll(r => r.Change);
    }

    /// <summary>Both directions from a present value, or the whole range for a missing one; results go to <paramref name="into"/>.</summary>
    private static void Search<TProbe>(ref TProbe probe, ActuatorState original, string name, bool isThreshold,
        double from, double min, double max, List<Ranked> into)
        where TProbe : struct, IActionProbe
    {
        var unit = DisplayUnit.For(name);
        if (double.IsNaN(from))
        {
            var low = Math.Max(min, -unit.Window);
            var high = Math.Min(max, unit.Window);
            Add(ref probe, name, isThreshold, from, LineSearch.Anywhere(ref probe, original, low, high, unit), unit, into);
            return;
        }
        foreach (var direction in (ReadOnlySpan<int>)[-1, +1])
        {
            var limit = direction > 0 ? Math.Min(max, from + unit.Window) : Math.Max(min, from - unit.Window);
            Add(ref probe, name, isThreshold, from, LineSearch.Nearest(ref probe, original, from, direction, limit, unit), unit, into);
        }
    }

    private static void Add<TProbe>(ref TProbe probe, string name, bool isThreshold, double from, double to, DisplayUnit unit, List<Ranked> into)
        where TProbe : struct, IActionProbe
    {
        if (double.IsNaN(to))
        {
            return;
        }
        var info = DecisionCodes.Info(probe.CodeAt(to));
        // The result as the miner lives it: a NOOP that keeps it running reads "START" (runs at full power), not "waits".
        var effect = probe.EffectAt(to);
        var change = new Counterfactual(name, isThreshold, from, to, info.Name, effect == ActuatorState.Unknown ? DecisionText.Of(info.Action) : DecisionText.Of(effect)!);
        // A missing value has no distance to go: it ranks after every change of a measured one.
        var relative = double.IsNaN(from) ? double.PositiveInfinity : Math.Abs(to - from) / Math.Max(Math.Abs(from), unit.Scale);
        into.Add(new Ranked(change, relative));
    }

    /// <summary>A change with its relative size: |To − From| / max(|From|, the unit's scale).</summary>
    private sealed record Ranked(Counterfactual Change, double Relative)
    {
        /// <summary>Smallest relative change first; ties by name and value, so the order never depends on the search's.</summary>
        public static int Compare(Ranked? a, Ranked? b) =>
            (a, b) switch
            {
                (null, null) => 0,
                (null, _) => -1,
                (_, null) => 1,
                _ => a.Relative.CompareTo(b.Relative) is var byRelative and not 0 ? byRelative
                    : string.CompareOrdinal(a.Change.Name, b.Change.Name) is var byName and not 0 ? byName
                    : a.Change.To.CompareTo(b.Change.To),
            };
    }
}
