using BitGridAI.Domain.Config;

namespace BitGridAI.Domain.Engine;

/// <summary>
/// The R3 limits the engine actually compares (RULES.md §2 step 1): the configured ones, clamped so
/// that no configuration — validated or not — can switch a safety check off.
/// </summary>
public readonly record struct SafetyLimits(double MaxChipTempC, double TResumeC, double CommTimeoutSec)
{
    /// <summary>Whatever the config says, no chip runs hotter than this.</summary>
    public const double ChipTempCeilingC = 95;

    /// <summary>Whatever the config says, no miner runs longer than this without contact.</summary>
    public const double CommTimeoutCeilingSec = 300;

    /// <summary>
    /// The cooling a lockout asks for when t_resume_c is not below the clamped limit: the gap of the
    /// defaults (85 → 75 °C). A release just under the limit would let the miner trip again within
    /// seconds of starting, so an unusable t_resume_c falls back to a real hysteresis, not to limit − ε.
    /// </summary>
    public const double FallbackResumeGapC = 10;

    public static SafetyLimits Of(EngineConfig config)
    {
        // Not Math.Min: it returns NaN for a NaN limit, and temp > NaN never holds, so an unvalidated
        // config would switch overtemperature off. Anything not at most the ceiling is the ceiling.
        var maxTemp = config.MaxChipTempC <= ChipTempCeilingC ? config.MaxChipTempC : ChipTempCeilingC;
        // Strictly below the limit actually compared (a NaN t_resume_c fails the test too): a miner
        // is never released at a temperature that is already an overtemperature.
        var resume = config.TResumeC < maxTemp ? config.TResumeC : maxTemp - FallbackResumeGapC;
        // A NaN timeout stays NaN: heartbeat ≤ NaN never holds, so every evaluation stops (the safe side).
        var timeout = Math.Min(config.CommTimeoutSec, CommTimeoutCeilingSec);
        return new SafetyLimits(maxTemp, resume, timeout);
    }
}
