using BitGridAI.Domain.Config;
using BitGridAI.Domain.Engine;
using BitGridAI.Domain.Signals;

namespace BitGridAI.Domain.Decisions;

/// <summary>
/// A threshold or measurement a rule compared, by its snake_case name; its value comes from the
/// evaluation's inputs. Some are compared only in some evaluations (the surplus-lost threshold only
/// for a running miner, reserved_w only when something is reserved): those carry a condition, and
/// <see cref="Condition"/> says in words when they are shown.
/// </summary>
public sealed record DecisionParam(string Name, Func<ParamSource, double?> Value)
{
    private Func<ParamSource, bool>? _when;

    /// <summary>When the param is shown, as the codes table writes it; null when always.</summary>
    public string? Condition { get; private init; }

    public static DecisionParam Of(Signal signal) => new(SignalInfo.Name(signal), s => s.State[signal]);

    public static DecisionParam Of(ConfigKey key) => new(key.Name, s => key.Get(s.Config));

    /// <summary>This param, shown only in evaluations where <paramref name="when"/> holds.</summary>
    public DecisionParam When(string condition, Func<ParamSource, bool> when) => this with { _when = when, Condition = condition };

    public bool IsShownFor(in ParamSource source) => _when is null || _when(source);
}

/// <summary>Everything a param's value can come from.</summary>
public readonly record struct ParamSource(EnergyState State, DecisionContext Context, EngineConfig Config, Decision Decision);
