using BitGridAI.Domain.Decisions;

namespace BitGridAI.Domain.Engine;

/// <summary>
/// What a live site carries from one evaluation of a miner to the next: the actuator (following each
/// START/THROTTLE/STOP), the block of its last change, and R3's memory. Replay, the synthetic
/// series and the grains use it the same way. It starts with an unknown actuator and no lockout.
/// </summary>
public readonly record struct ActuatorTrack(ActuatorState Actuator, long? LastChangeBlock, SafetyMemory Safety)
{
    public static ActuatorTrack Initial => default;

    /// <summary>Blocks since the last change; 0 before the first evaluation. A gap of several blocks counts them all.</summary>
    public long BlocksSinceChange(long blockIndex) => LastChangeBlock is { } changed ? blockIndex - changed : 0;

    /// <summary>The context of an evaluation at <paramref name="now"/>, filled with what this track carries.</summary>
    public DecisionContext Context(DecisionContext template, DateTimeOffset now, long blockIndex) => template with
    {
        Now = now,
        Actuator = Actuator,
        BlocksSinceChange = BlocksSinceChange(blockIndex),
        Safety = Safety,
    };

    /// <summary>The track after <paramref name="decision"/> has been carried out.</summary>
    public ActuatorTrack After(in Decision decision)
    {
        var action = decision.Action;
        var commands = action is DecisionAction.Start or DecisionAction.Throttle or DecisionAction.Stop;
        var changed = commands && (int)action != (int)Actuator;
        return new ActuatorTrack(
            changed ? (ActuatorState)(int)action : Actuator,
            changed ? decision.BlockIndex : LastChangeBlock ?? decision.BlockIndex,
            decision.Safety);
    }
}
