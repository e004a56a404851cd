using Microsoft.Extensions.Options;

namespace BitGridAI.Grains.Hosting;

/// <summary>Stops the silo at start when an actuation setting is out of range, naming the key and the range.</summary>
public sealed class ActuationOptionsValidator : IValidateOptions<ActuationOptions>
{
    public ValidateOptionsResult Validate(string? name, ActuationOptions options)
    {
        var errors = new List<string>();
        if (options.StopDeadline < TimeSpan.FromMilliseconds(100) || options.StopDeadline > TimeSpan.FromSeconds(10))
        {
            errors.Add($"{ActuationOptions.Section}:StopDeadline: must be 00:00:00.1–00:00:10, the time a STOP may take before the relay opens (got {options.StopDeadline})");
        }
        if (options.RelaySwitchDeadline < TimeSpan.FromMilliseconds(100) || options.RelaySwitchDeadline > TimeSpan.FromSeconds(60))
        {
            errors.Add($"{ActuationOptions.Section}:RelaySwitchDeadline: must be 00:00:00.1–00:01:00, the time one switch of a relay may take before it is tried again (got {options.RelaySwitchDeadline})");
        }
        if (options.ConfirmTimeout <= TimeSpan.Zero)
        {
            errors.Add($"{ActuationOptions.Section}:ConfirmTimeout: must be positive (got {options.ConfirmTimeout})");
        }
        if (options.MaxAttempts is < 1 or > 10)
        {
            errors.Add($"{ActuationOptions.Section}:MaxAttempts: must be 1–10 (got {options.MaxAttempts})");
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
