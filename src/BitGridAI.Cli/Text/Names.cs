using BitGridAI.Domain.Decisions;

namespace BitGridAI.Cli.Text;

/// <summary>Parses the console's enum inputs through <see cref="DecisionText"/>, turning an unknown value into an error that names the field.</summary>
internal static class Names
{
    public static ActuatorState ParseActuator(string field, string? text) =>
        text is null || text.Equals("UNKNOWN", StringComparison.OrdinalIgnoreCase) ? ActuatorState.Unknown
        : DecisionText.ParseActuator(text) is var state and not ActuatorState.Unknown ? state
        : throw new CliInputException($"{field}: must be START, THROTTLE, STOP or null (got '{text}')");

    public static Autonomy ParseAutonomy(string field, string? text) =>
        DecisionText.ParseAutonomy(text) is var autonomy and not Autonomy.Unknown ? autonomy
        : throw new CliInputException($"{field}: must be FULL, SEMI or MANUAL (got '{text}')");

    public static Strategy ParseStrategy(string field, string? text) =>
        DecisionText.ParseStrategy(text) is var strategy and not Strategy.Unknown ? strategy
        : throw new CliInputException($"{field}: must be surplus or soc_band (got '{text}')");
}
