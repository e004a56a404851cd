using BitGridAI.Domain.Config;
using BitGridAI.Domain.Decisions;
using BitGridAI.Domain.Engine;
using BitGridAI.Domain.Signals;

namespace BitGridAI.Explain.Counterfactuals;

/// <summary>
/// The engine as a function of one input, everything else held. A struct behind a generic constraint so the
/// search calls it without a delegate or boxing: the signal probe allocates nothing per call.
/// </summary>
internal interface IActionProbe
{
    DecisionCode CodeAt(double value);

    /// <summary>What the miner ends up doing at <paramref name="value"/> (see <see cref="MinerEffect"/>).</summary>
    ActuatorState EffectAt(double value);
}

/// <summary>
/// What a decision means for the miner: running at full power, throttled, or stopped — a NOOP keeps what it found.
/// Counterfactuals compare this, not the engine's action word: "would start" for a miner that already runs, or
/// "would stop" for one that is already stopped, changes nothing a person would notice.
/// </summary>
internal static class MinerEffect
{
    public static ActuatorState Of(DecisionCode code, ActuatorState actuator) => DecisionCodes.Info(code).Action switch
    {
        DecisionAction.Start => ActuatorState.Start,
        DecisionAction.Throttle => ActuatorState.Throttle,
        DecisionAction.Stop => ActuatorState.Stop,
        _ => actuator,
    };
}

/// <summary>The evaluation a decision came from, held by value so a probe can run it again with one input changed.</summary>
internal readonly record struct Evaluation(EnergyState State, DecisionContext Context, EngineConfig Config);

/// <summary>The decision with one measured signal set to a value (a missing one becomes measured).</summary>
internal readonly record struct SignalProbe(Evaluation Base, Signal Signal) : IActionProbe
{
    public DecisionCode CodeAt(double value) =>
        DecisionEngine.Decide(Base.State.With(Signal, value), Base.Context, Base.Config).Code;

    public ActuatorState EffectAt(double value) => MinerEffect.Of(CodeAt(value), Base.Context.Actuator);
}

/// <summary>
/// The decision with one threshold set to a value. <see cref="ConfigKey.With"/> builds a new config record, so
/// this probe allocates one small object per call; the search keeps the calls few (geometric probing, bisection).
/// </summary>
internal readonly record struct KeyProbe(Evaluation Base, ConfigKey Key) : IActionProbe
{
    public EngineConfig ConfigAt(double value) => Key.With(Base.Config, value);

    public DecisionCode CodeAt(double value) => DecisionEngine.Decide(Base.State, Base.Context, ConfigAt(value)).Code;

    public ActuatorState EffectAt(double value) => MinerEffect.Of(CodeAt(value), Base.Context.Actuator);
}
