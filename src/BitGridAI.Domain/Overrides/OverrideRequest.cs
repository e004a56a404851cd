using BitGridAI.Domain.Config;
using BitGridAI.Domain.Decisions;

namespace BitGridAI.Domain.Overrides;

/// <summary>The pure part of setting an override: checking a request and turning it into an expiring override.</summary>
public static class OverrideRequest
{
    /// <summary>The override a request asks for, or why it is refused (the error names the field).</summary>
    public static (ManualOverride Override, string? Error) Create(ActuatorState action, double durationMin, DateTimeOffset now, EngineConfig config)
    {
        if (action == ActuatorState.Unknown)
        {
            return (ManualOverride.None, "action: must be START, THROTTLE or STOP");
        }
        if (!double.IsFinite(durationMin) || durationMin <= 0 || durationMin > config.MaxOverrideMin)
        {
            return (ManualOverride.None, $"duration_min: must be more than 0 and at most max_override_min = {config.MaxOverrideMin} (got {durationMin})");
        }
        return (new ManualOverride(action, now.AddMinutes(durationMin)), null);
    }
}
