using BitGridAI.Domain.Config;

namespace BitGridAI.Explain.Counterfactuals;

/// <summary>
/// The values one threshold may take while the rest of the config stays as it is and the whole stays valid: the
/// key's own range, narrowed by the orderings between keys (RULES.md §3). The search only probes inside it, so
/// it never reasons about a config that could not be loaded.
/// </summary>
/// <remarks>
/// The orderings mirror <see cref="ConfigValidator"/>, which stays the judge: every counterfactual threshold is
/// validated before it is returned, so an ordering added there and not here drops candidates, never admits a
/// wrong one.
/// </remarks>
internal static class ConfigBounds
{
    /// <summary>Low ≤ High (or &lt; when strict).</summary>
    private static readonly (string Low, string High, bool Strict)[] Orderings =
    [
        ("soc_hard_min_pct", "soc_soft_min_pct", false),
        ("surplus_stop_kw", "surplus_throttle_min_kw", false),
        ("surplus_throttle_min_kw", "surplus_min_kw", false),
        ("t_resume_c", "max_chip_temp_c", true),
        ("soc_eco_start_pct", "soc_standard_pct", false),
        ("soc_standard_pct", "soc_super_pct", false),
    ];

    /// <summary>
    /// The interval for <paramref name="key"/> in <paramref name="config"/>, cut to <see cref="DisplayUnit.Window"/>
    /// around <paramref name="around"/> where the key's range has no end. A strict ordering keeps half a display
    /// step away from its partner, so no grid value inside breaks it.
    /// </summary>
    public static (double Low, double High) Of(ConfigKey key, EngineConfig config, DisplayUnit unit, double around)
    {
        var low = Math.Max(key.Min, around - unit.Window);
        var high = Math.Min(key.Max, around + unit.Window);
        foreach (var (lowName, highName, strict) in Orderings)
        {
            var gap = strict ? unit.Step / 2 : 0;
            if (lowName == key.Name && Value(highName, config) is { } above)
            {
                high = Math.Min(high, above - gap);
            }
            else if (highName == key.Name && Value(lowName, config) is { } below)
            {
                low = Math.Max(low, below + gap);
            }
        }
        return (low, high);
    }

    /// <summary>True when <paramref name="config"/> passes <see cref="ConfigValidator"/>.</summary>
    public static bool IsValid(EngineConfig config) => ConfigValidator.Validate(config).Count == 0;

    private static double? Value(string name, EngineConfig config) => ConfigKeys.Find(name)?.Get(config);
}
