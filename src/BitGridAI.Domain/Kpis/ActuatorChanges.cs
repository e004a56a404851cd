using BitGridAI.Domain.Decisions;

namespace BitGridAI.Domain.Kpis;

/// <summary>
/// Counts changes of each miner's commanded state among START, THROTTLE and STOP (flapping). A miner's first
/// command is not a change: before it the state is unknown, not different.
/// </summary>
public sealed class ActuatorChanges(int minerSlots)
{
    private readonly DecisionAction[] _last = new DecisionAction[minerSlots];

    /// <summary>Follows <paramref name="action"/> of the miner in <paramref name="slot"/>; 1 when it changed the commanded state.</summary>
    public int Follow(int slot, DecisionAction action)
    {
        if (action is not (DecisionAction.Start or DecisionAction.Throttle or DecisionAction.Stop) || (uint)slot >= (uint)_last.Length)
        {
            return 0;
        }
        var before = _last[slot];
        _last[slot] = action;
        return before != DecisionAction.Unknown && before != action ? 1 : 0;
    }
}
