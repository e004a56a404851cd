using BitGridAI.Domain.Decisions;

namespace BitGridAI.Explain.Templates;

/// <summary>What a decision means for the miner, from its action and the actuator it found (a NOOP keeps that actuator).</summary>
public enum Outcome
{
    /// <summary>A NOOP on a miner whose state is not confirmed yet.</summary>
    LeftAsIs = 0,
    StartsFull = 1,
    SwitchesToFull = 2,
    KeepsFull = 3,
    StartsThrottled = 4,
    SwitchesToThrottled = 5,
    KeepsThrottled = 6,
    Stops = 7,
    StaysStopped = 8,
}

/// <summary>The miner's state once the decision is carried out; what the verifier checks action words against.</summary>
public enum EffectiveState
{
    Unknown = 0,
    FullPower = 1,
    Throttled = 2,
    Stopped = 3,
}

public static class Outcomes
{
    public static Outcome Of(DecisionAction action, ActuatorState actuator) => (action, actuator) switch
    {
        (DecisionAction.Start, ActuatorState.Stop) => Outcome.StartsFull,
        (DecisionAction.Start, ActuatorState.Start) => Outcome.KeepsFull,
        (DecisionAction.Start, _) => Outcome.SwitchesToFull,
        (DecisionAction.Throttle, ActuatorState.Stop) => Outcome.StartsThrottled,
        (DecisionAction.Throttle, ActuatorState.Throttle) => Outcome.KeepsThrottled,
        (DecisionAction.Throttle, _) => Outcome.SwitchesToThrottled,
        (DecisionAction.Stop, ActuatorState.Stop) => Outcome.StaysStopped,
        (DecisionAction.Stop, _) => Outcome.Stops,
        (_, ActuatorState.Start) => Outcome.KeepsFull,
        (_, ActuatorState.Throttle) => Outcome.KeepsThrottled,
        (_, ActuatorState.Stop) => Outcome.StaysStopped,
        _ => Outcome.LeftAsIs,
    };

    public static EffectiveState StateAfter(Outcome outcome) => outcome switch
    {
        Outcome.StartsFull or Outcome.SwitchesToFull or Outcome.KeepsFull => EffectiveState.FullPower,
        Outcome.StartsThrottled or Outcome.SwitchesToThrottled or Outcome.KeepsThrottled => EffectiveState.Throttled,
        Outcome.Stops or Outcome.StaysStopped => EffectiveState.Stopped,
        _ => EffectiveState.Unknown,
    };

    public static EffectiveState StateAfter(in Decision decision) => StateAfter(Of(decision.Action, decision.Actuator));

    /// <summary>The dashboard's picture of the decision's action.</summary>
    public static Mood MoodOf(DecisionAction action) => action switch
    {
        DecisionAction.Start => Mood.Running,
        DecisionAction.Throttle => Mood.Trotting,
        DecisionAction.Stop => Mood.Sleeping,
        _ => Mood.Waiting,
    };
}
