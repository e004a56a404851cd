namespace BitGridAI.Domain.Economics;

/// <summary>The config names of <see cref="EnergyPathPolicy"/>: <c>self_consumption_first</c> and <c>max_value</c>.</summary>
public static class EnergyPathPolicies
{
    public const string SelfConsumptionFirstName = "self_consumption_first";

    public const string MaxValueName = "max_value";

    /// <summary>The allowed names as an error message lists them.</summary>
    public const string AllowedNames = SelfConsumptionFirstName + " or " + MaxValueName;

    public static string Name(EnergyPathPolicy policy) => policy switch
    {
        EnergyPathPolicy.SelfConsumptionFirst => SelfConsumptionFirstName,
        EnergyPathPolicy.MaxValue => MaxValueName,
        _ => throw new ArgumentOutOfRangeException(nameof(policy), policy, "not an energy path policy"),
    };

    /// <summary>Reads a config name; case and surrounding blanks do not matter, as with the strategy's names.</summary>
    public static bool TryParse(string? text, out EnergyPathPolicy policy)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case SelfConsumptionFirstName:
                policy = EnergyPathPolicy.SelfConsumptionFirst;
                return true;
            case MaxValueName:
                policy = EnergyPathPolicy.MaxValue;
                return true;
            default:
                policy = EnergyPathPolicy.SelfConsumptionFirst;
                return false;
        }
    }

    /// <summary>Reads a config name.</summary>
    /// <exception cref="FormatException">The name is none of <see cref="AllowedNames"/>; the message says which are.</exception>
    public static EnergyPathPolicy Parse(string? text) => TryParse(text, out var policy)
        ? policy
        : throw new FormatException($"energy path policy must be {AllowedNames} (got '{text}')");
}
