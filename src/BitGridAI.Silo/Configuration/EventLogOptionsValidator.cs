using Microsoft.Extensions.Options;

namespace BitGridAI.Silo.Configuration;

/// <summary>Stops the silo at start when <c>EventLog</c> is wrong, naming the key and the allowed values.</summary>
internal sealed class EventLogOptionsValidator : IValidateOptions<EventLogOptions>
{
    public ValidateOptionsResult Validate(string? name, EventLogOptions options)
    {
        var errors = new List<string>();
        if (options.SegmentRecords is < 100 or > 1_000_000)
        {
            errors.Add($"EventLog:SegmentRecords: must be 100 to 1000000 records (got {options.SegmentRecords})");
        }
        if (options.RetainDays is < 0 or > 36_500)
        {
            errors.Add($"EventLog:RetainDays: must be 0 (keep everything) to 36500 days (got {options.RetainDays})");
        }
        if (options.ArchiveInterval < TimeSpan.FromSeconds(1) || options.ArchiveInterval > TimeSpan.FromDays(7))
        {
            errors.Add($"EventLog:ArchiveInterval: must be 00:00:01 to 7.00:00:00 (got {options.ArchiveInterval})");
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
