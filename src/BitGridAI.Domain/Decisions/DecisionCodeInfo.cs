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
    IReadOnlyList<DecisionParam> Params)
{
    /// <summary>For a NOOP: why the actuator is kept, without saying what that means for the miner.</summary>
    public string? Cause { get; init; }

    /// <summary>
    /// Registered so no published code is renamed or reused, but v3 of the rules (RULES.md §2) no
    /// longer produces it: the SEMI suggestions of the protective stops.
    /// </summary>
    public bool Retired { get; init; }

    /// <summary>
    /// The one-line text for a decision that found <paramref name="actuator"/>. A NOOP keeps the
    /// actuator as it is, so its text says what that means for this miner: running (at full power or
    /// throttled) or stopped (RULES.md §4).
    /// </summary>
    public string Explain(ActuatorState actuator) => Cause is null ? Summary : actuator switch
    {
        ActuatorState.Start => $"{Cause}; the miner keeps running at full power.",
        ActuatorState.Throttle => $"{Cause}; the miner keeps running throttled.",
        ActuatorState.Stop => $"{Cause}; the miner stays stopped.",
        _ => $"{Cause}; the miner is left as it is (its state is not confirmed yet).",
    };

    /// <summary>The params this evaluation compared, with their values, in the registry's order.</summary>
    public IEnumerable<KeyValuePair<string, double?>> ParamValues(ParamSource source)
    {
        foreach (var param in Params)
        {
            if (param.IsShownFor(source))
            {
                yield return new(param.Name, param.Value(source));
            }
        }
    }
}
