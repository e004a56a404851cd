using Microsoft.Extensions.Options;

namespace BitGridAI.Grains.Hosting;

/// <summary>Rejects a negative interval at start, naming the key; zero switches a timer (or the wake reminder) off.</summary>
public sealed class GrainTimingOptionsValidator : IValidateOptions<GrainTimingOptions>
{
    public ValidateOptionsResult Validate(string? name, GrainTimingOptions options)
    {
        var errors = new List<string>();
        Check(errors, nameof(GrainTimingOptions.TickCheckInterval), options.TickCheckInterval);
        Check(errors, nameof(GrainTimingOptions.PollInterval), options.PollInterval);
        Check(errors, nameof(GrainTimingOptions.WatchdogInterval), options.WatchdogInterval);
        Check(errors, nameof(GrainTimingOptions.WakeInterval), options.WakeInterval);
        if (options.RecorderRetryInterval <= TimeSpan.Zero)
        {
            // A recorder that never retried would hold its waiting records until the next decision.
            errors.Add($"{GrainTimingOptions.Section}:{nameof(GrainTimingOptions.RecorderRetryInterval)}: must be a positive time span (got {options.RecorderRetryInterval})");
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void Check(List<string> errors, string key, TimeSpan value)
    {
        if (value < TimeSpan.Zero)
        {
            errors.Add($"{GrainTimingOptions.Section}:{key}: must be 00:00:00 (off) or a positive time span (got {value})");
        }
    }
}
