using BitGridAI.Domain.Decisions;

namespace BitGridAI.Cli.Text;

/// <summary>The text forms of the engine's enums as RULES.md writes them (START, BLOCK_TICK, soc_band, …).</summary>
internal static class Names
{
    public static string Of(DecisionAction action) => action.ToString().ToUpperInvariant();

    public static string? Of(ActuatorState state) => state == ActuatorState.Unknown ? null : state.ToString().ToUpperInvariant();

    public static string? Of(MinerMode mode) => mode == MinerMode.None ? null : mode.ToString().ToLowerInvariant();

    public static string Of(Trigger trigger) => trigger switch
    {
        Trigger.SafetyAsync => "SAFETY_ASYNC",
        Trigger.Override => "OVERRIDE",
        _ => "BLOCK_TICK",
    };

    public static ActuatorState ParseActuator(string field, string? text) => text?.ToUpperInvariant() switch
    {
        null or "UNKNOWN" => ActuatorState.Unknown,
        "START" => ActuatorState.Start,
        "THROTTLE" => ActuatorState.Throttle,
        "STOP" => ActuatorState.Stop,
        _ => throw new CliInputException($"{field}: must be START, THROTTLE, STOP or null (got '{text}')"),
    };

    public static Autonomy ParseAutonomy(string field, string? text) => text?.ToUpperInvariant() switch
    {
        "FULL" => Autonomy.Full,
        "SEMI" => Autonomy.Semi,
        "MANUAL" => Autonomy.Manual,
        _ => throw new CliInputException($"{field}: must be FULL, SEMI or MANUAL (got '{text}')"),
    };

    public static Strategy ParseStrategy(string field, string? text) => text?.ToLowerInvariant() switch
    {
        "surplus" => Strategy.Surplus,
        "soc_band" => Strategy.SocBand,
        _ => throw new CliInputException($"{field}: must be surplus or soc_band (got '{text}')"),
    };
}
