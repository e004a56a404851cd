using BitGridAI.Domain.Decisions;
using BitGridAI.Domain.Time;

namespace BitGridAI.Domain.Engine;

/// <summary>
/// RULES.md §5: when a decision's validity passes with no newer decision (the policy grain is gone),
/// the miner stops on its own.
/// </summary>
public static class DeadMansSwitch
{
    /// <summary>The stop to carry out at <paramref name="now"/>, or null while <paramref name="last"/> is still valid.</summary>
    public static Decision? Check(in Decision last, DateTimeOffset now) =>
        now < BlockClock.ValidUntil(last.BlockIndex)
            ? null
            : new Decision
            {
                Code = DecisionCode.STOP_R3_DECISION_EXPIRED,
                BlockIndex = BlockClock.IndexOf(now),
                Trigger = Trigger.SafetyAsync,
                Rejected = last.Rejected,
                HouseLoadW = double.NaN,
                Safety = last.Safety,
            };
}
