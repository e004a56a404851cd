using BitGridAI.Domain.Engine;
using BitGridAI.Domain.Signals;

namespace BitGridAI.Domain.Decisions;

/// <summary>
/// The outcome of one evaluation (RULES.md §4). A small value: the engine returns it without
/// allocating; action, rule, reason, mode and the reported params follow from <see cref="Code"/>
/// through <see cref="DecisionCodes"/>.
/// </summary>
public readonly record struct Decision
{
    public DecisionCode Code { get; init; }
    /// <summary>The actuator the evaluation found: what a NOOP keeps.</summary>
    public ActuatorState Actuator { get; init; }
    public long BlockIndex { get; init; }
    public Trigger Trigger { get; init; }
    /// <summary>The override action a protective step overruled; Unknown when none was.</summary>
    public ActuatorState OverruledOverride { get; init; }
    /// <summary>The START, THROTTLE or STOP proposal the soft band or R5 held back; Unknown when none was.</summary>
    public DecisionCode HeldBackProposal { get; init; }
    /// <summary>Inputs that were implausible and so treated as missing.</summary>
    public SignalSet Rejected { get; init; }
    /// <summary>Required inputs that were missing (after rejection and house-load derivation).</summary>
    public SignalSet Missing { get; init; }
    /// <summary>House load the engine used, in W (derived when not measured); NaN when missing.</summary>
    public double HouseLoadW { get; init; }
    public bool HouseLoadDerived { get; init; }
    /// <summary>What R3 carries to the next evaluation of this miner.</summary>
    public SafetyMemory Safety { get; init; }

    public DecisionCodeInfo Info => DecisionCodes.Info(Code);
    public DecisionAction Action => Info.Action;
    public RuleId Rule => Info.Rule;
    public string Reason => Info.Reason;
    /// <summary>
    /// The mode a START or THROTTLE runs in: what the code says, except that a fleet share (START_R1_FLEET_SHARE)
    /// names its own step (standard or super).
    /// </summary>
    public MinerMode Mode => Code == DecisionCode.START_R1_FLEET_SHARE && ShareMode is MinerMode.Super ? MinerMode.Super : Info.Mode;
    /// <summary>The mode of the fleet share this decision carried out; None without one.</summary>
    public MinerMode ShareMode { get; init; }
    /// <summary>What the miner draws after a fleet decision in W (the share's target, or what a NOOP keeps); null without a share.</summary>
    public double? TargetW { get; init; }
    public bool OverrideWasOverruled => OverruledOverride != ActuatorState.Unknown;

    /// <summary>The decision in one sentence; for a NOOP it says whether the miner keeps running (and how) or stays stopped.</summary>
    public string Explanation => Info.Explain(Actuator);
}
