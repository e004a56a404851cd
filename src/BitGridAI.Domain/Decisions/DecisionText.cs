namespace BitGridAI.Domain.Decisions;

/// <summary>
/// The text forms of the engine's values as RULES.md writes them (START, BLOCK_TICK, eco, FULL,
/// soc_band): one place for the console's JSON, the grains' records and configuration alike.
/// </summary>
public static class DecisionText
{
    public static string Of(DecisionAction action) => action.ToString().ToUpperInvariant();

    /// <summary>START, THROTTLE or STOP; null for an unknown actuator or no override.</summary>
    public static string? Of(ActuatorState state) => state == ActuatorState.Unknown ? null : state.ToString().ToUpperInvariant();

    /// <summary>eco, standard or super; null when the decision asks for no mode.</summary>
    public static string? Of(MinerMode mode) => mode == MinerMode.None ? null : mode.ToString().ToLowerInvariant();

    public static string Of(Trigger trigger) => trigger switch
    {
        Trigger.SafetyAsync => "SAFETY_ASYNC",
        Trigger.Override => "OVERRIDE",
        _ => "BLOCK_TICK",
    };

    /// <summary>SAFETY_ASYNC, OVERRIDE; anything else is a block tick.</summary>
    public static Trigger ParseTrigger(string? text) => text switch
    {
        "SAFETY_ASYNC" => Trigger.SafetyAsync,
        "OVERRIDE" => Trigger.Override,
        _ => Trigger.BlockTick,
    };

    public static string Of(Strategy strategy) => strategy == Strategy.SocBand ? "soc_band" : "surplus";

    public static string Of(Autonomy autonomy) => (autonomy == Autonomy.Unknown ? Autonomy.Full : autonomy).ToString().ToUpperInvariant();

    /// <summary>START, THROTTLE, STOP (any case); anything else, null included, is Unknown.</summary>
    public static ActuatorState ParseActuator(string? text) => text?.ToUpperInvariant() switch
    {
        "START" => ActuatorState.Start,
        "THROTTLE" => ActuatorState.Throttle,
        "STOP" => ActuatorState.Stop,
        _ => ActuatorState.Unknown,
    };

    /// <summary>eco, standard, super (any case); anything else is None.</summary>
    public static MinerMode ParseMode(string? text) => text?.ToLowerInvariant() switch
    {
        "eco" => MinerMode.Eco,
        "standard" => MinerMode.Standard,
        "super" => MinerMode.Super,
        _ => MinerMode.None,
    };

    /// <summary>FULL, SEMI, MANUAL (any case); anything else is Unknown.</summary>
    public static Autonomy ParseAutonomy(string? text) => text?.ToUpperInvariant() switch
    {
        "FULL" => Autonomy.Full,
        "SEMI" => Autonomy.Semi,
        "MANUAL" => Autonomy.Manual,
        _ => Autonomy.Unknown,
    };

    /// <summary>surplus, soc_band (any case); anything else is Unknown.</summary>
    public static Strategy ParseStrategy(string? text) => text?.ToLowerInvariant() switch
    {
        "surplus" => Strategy.Surplus,
        "soc_band" => Strategy.SocBand,
        _ => Strategy.Unknown,
    };
}
