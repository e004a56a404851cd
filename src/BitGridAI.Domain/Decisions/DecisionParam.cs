using BitGridAI.Domain.Config;
using BitGridAI.Domain.Engine;
using BitGridAI.Domain.Signals;

namespace BitGridAI.Domain.Decisions;

/// <summary>A threshold or measurement a rule compared, by its snake_case name; its value comes from the evaluation's inputs.</summary>
public sealed record DecisionParam(string Name, Func<ParamSource, double?> Value)
{
    public static DecisionParam Of(Signal signal) => new(SignalInfo.Name(signal), s => s.State[signal]);

    public static DecisionParam Of(ConfigKey key) => new(key.Name, s => key.Get(s.Config));
}

/// <summary>Everything a param's value can come from.</summary>
public readonly record struct ParamSource(EnergyState State, DecisionContext Context, EngineConfig Config, Decision Decision);
