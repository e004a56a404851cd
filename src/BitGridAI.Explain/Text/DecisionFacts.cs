using BitGridAI.Domain.Config;
using BitGridAI.Domain.Decisions;
using BitGridAI.Domain.Engine;
using BitGridAI.Domain.Signals;

namespace BitGridAI.Explain.Text;

/// <summary>One named value an explanation may quote; null when it was missing.</summary>
public sealed record Fact(string Name, double? Value, Unit Unit);

/// <summary>
/// Everything an explanation of one decision may quote: the params the deciding step compared, the readings, the
/// counterfactuals' values and, for a lockout, when it can end at the earliest. The explainer writes from these and
/// the verifier accepts no number that is not one of them.
/// </summary>
public sealed class DecisionFacts
{
    private readonly Dictionary<string, Fact> _params;

    private DecisionFacts(Dictionary<string, Fact> parameters, IReadOnlyList<Fact> all, DateTimeOffset? lockoutEarliestEnd, DateTimeOffset now)
    {
        _params = parameters;
        All = all;
        LockoutEarliestEnd = lockoutEarliestEnd;
        Now = now;
    }

    /// <summary>The params of the decision (registry order), then the readings, then the counterfactuals' values.</summary>
    public IReadOnlyList<Fact> All { get; }

    /// <summary>The deciding step's params in the registry's order.</summary>
    public IEnumerable<Fact> Params => _params.Values;

    /// <summary>Lockout timer start + safety_lockout_min, when a lockout holds; the lockout cannot end sooner.</summary>
    public DateTimeOffset? LockoutEarliestEnd { get; }

    public DateTimeOffset Now { get; }

    public bool TryGetParam(string name, out Fact fact) => _params.TryGetValue(name, out fact!);

    public static DecisionFacts Of(in Decision decision, in EnergyState state, in DecisionContext context, EngineConfig config,
        IReadOnlyList<Counterfactual> counterfactuals)
    {
        var parameters = new Dictionary<string, Fact>(StringComparer.Ordinal);
        foreach (var (name, value) in decision.Info.ParamValues(new ParamSource(state, context, config, decision)))
        {
            parameters[name] = new Fact(name, value, Units.Of(name));
        }
        var all = new List<Fact>(parameters.Values);
        foreach (var signal in SignalInfo.All)
        {
            if (state[signal] is { } value)
            {
                var name = SignalInfo.Name(signal);
                all.Add(new Fact(name, value, Units.Of(name)));
            }
        }
        foreach (var counterfactual in counterfactuals)
        {
            var unit = Units.Of(counterfactual.Name);
            all.Add(new Fact(counterfactual.Name, double.IsFinite(counterfactual.From) ? counterfactual.From : null, unit));
            all.Add(new Fact(counterfactual.Name, double.IsFinite(counterfactual.To) ? counterfactual.To : null, unit));
        }
        var lockoutStart = decision.Safety.LockoutStartedAt ?? context.Safety.LockoutStartedAt;
        DateTimeOffset? earliestEnd = decision.Action == DecisionAction.Stop && decision.Rule == RuleId.R3 && lockoutStart is { } start
            ? start.AddMinutes(config.SafetyLockoutMin)
            : null;
        return new DecisionFacts(parameters, all, earliestEnd, context.Now);
    }
}
