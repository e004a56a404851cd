namespace BitGridAI.Domain.Config;

/// <summary>Checks a configuration before the engine sees it (RULES.md §3): each key's range, then the rules between keys.</summary>
public static class ConfigValidator
{
    public static IReadOnlyList<ConfigError> Validate(EngineConfig config)
    {
        var errors = new List<ConfigError>();
        foreach (var key in ConfigKeys.Numeric)
        {
            if (key.Check(key.Get(config)) is { } problem)
            {
                errors.Add(new ConfigError(key.Name, problem));
            }
        }
        if (config.DataFailSafe == Decisions.DataFailSafe.Unknown)
        {
            errors.Add(new ConfigError(ConfigKeys.DataFailSafeName, "must be \"stop\" or \"hold\""));
        }
        if (errors.Count > 0)
        {
            return errors; // the rules between keys only make sense once every key is in range
        }

        Order(errors, "soc_hard_min_pct", config.SocHardMinPct, "soc_soft_min_pct", config.SocSoftMinPct, strict: false);
        Order(errors, "surplus_stop_kw", config.SurplusStopKw, "surplus_throttle_min_kw", config.SurplusThrottleMinKw, strict: false);
        Order(errors, "surplus_throttle_min_kw", config.SurplusThrottleMinKw, "surplus_min_kw", config.SurplusMinKw, strict: false);
        Order(errors, "t_resume_c", config.TResumeC, "max_chip_temp_c", config.MaxChipTempC, strict: true);
        Order(errors, "soc_eco_start_pct", config.SocEcoStartPct, "soc_standard_pct", config.SocStandardPct, strict: false);
        Order(errors, "soc_standard_pct", config.SocStandardPct, "soc_super_pct", config.SocSuperPct, strict: false);
        return errors;
    }

    private static void Order(List<ConfigError> errors, string lowKey, double low, string highKey, double high, bool strict)
    {
        var ok = strict ? low < high : low <= high;
        if (!ok)
        {
            var relation = strict ? "<" : "≤";
            errors.Add(new ConfigError(lowKey, $"must be {relation} {highKey} ({low} {relation} {high} does not hold)"));
        }
    }
}
