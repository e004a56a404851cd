using BitGridAI.Domain.Decisions;
using BitGridAI.Domain.Fleet;
using BitGridAI.Domain.Overrides;

namespace BitGridAI.Domain.Engine;

/// <summary>Everything besides the readings that one evaluation of one miner depends on (RULES.md §1 "Context").</summary>
public readonly record struct DecisionContext
{
    /// <summary>Evaluation time: places the decision in its block and runs the lockout clock.</summary>
    public DateTimeOffset Now { get; init; }
    /// <summary>The miner's confirmed state (readback; in replay, the last command).</summary>
    public ActuatorState Actuator { get; init; }
    /// <summary>Current block index minus the block index of the last actuator change.</summary>
    public long BlocksSinceChange { get; init; }
    public Autonomy Autonomy { get; init; }
    public Strategy Strategy { get; init; }
    public ManualOverride Override { get; init; }
    /// <summary>Set by a person; holds until a person acknowledges it.</summary>
    public bool EmergencyStop { get; init; }
    /// <summary>The miner is confirmed off (relay open, or it reports itself stopped or asleep).</summary>
    public bool MinerPoweredOff { get; init; }
    /// <summary>
    /// Power in W already given to miners decided before this one in the same block (RULES.md §6);
    /// default 0. It comes off the surplus, not off PV: a derived house load would absorb a lowered PV.
    /// </summary>
    public double ReservedW { get; init; }
    /// <summary>
    /// What the site's other miners draw, in W: a derived house load leaves it out as it leaves out this miner's own
    /// draw (with several miners the energy balance holds them all). Default 0.
    /// </summary>
    public double OtherMinersW { get; init; }
    /// <summary>
    /// This miner's share of the fleet allocation (docs/fleet.md); null when the site does not allocate (one miner
    /// decided alone, or the soc_band strategy). With a share, the share decides steps 5 of the surplus strategy.
    /// </summary>
    public FleetShare? Fleet { get; init; }
    public SafetyMemory Safety { get; init; }
    public Trigger Trigger { get; init; }

    public bool MinerRuns => Actuator is ActuatorState.Start or ActuatorState.Throttle;
}
