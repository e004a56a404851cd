namespace BitGridAI.Explain;

/// <summary>
/// The smallest change of one input that changes the outcome, verified by running the engine at <see cref="To"/>:
/// a measured signal (<see cref="IsThreshold"/> false; names as RULES.md §1) or a threshold (RULES.md §3 key).
/// <see cref="From"/> is the value the decision saw (NaN when the signal was missing); <see cref="ResultCode"/> is
/// the decision code the engine gives at <see cref="To"/>.
/// </summary>
public sealed record Counterfactual(string Name, bool IsThreshold, double From, double To, string ResultCode, string ResultAction);
