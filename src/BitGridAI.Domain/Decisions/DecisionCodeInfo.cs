namespace BitGridAI.Domain.Decisions;

/// <summary>What a decision code means: its parts, the mode it asks for, a one-line text and the params it reports.</summary>
public sealed record DecisionCodeInfo(
    DecisionCode Code,
    string Name,
    DecisionAction Action,
    RuleId Rule,
    string Reason,
    MinerMode Mode,
    string Summary,
    IReadOnlyList<DecisionParam> Params);
