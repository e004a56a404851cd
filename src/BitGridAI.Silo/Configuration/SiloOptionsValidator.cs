using Microsoft.Extensions.Options;

namespace BitGridAI.Silo.Configuration;

/// <summary>Stops the silo at start when <c>Silo</c> is wrong, naming the key and the allowed values.</summary>
internal sealed class SiloOptionsValidator : IValidateOptions<SiloOptions>
{
    public ValidateOptionsResult Validate(string? name, SiloOptions options)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(options.DataDir)) errors.Add("Silo:DataDir: must name a directory");
        if (string.IsNullOrWhiteSpace(options.ServiceId)) errors.Add("Silo:ServiceId: must not be empty");
        if (string.IsNullOrWhiteSpace(options.ClusterId)) errors.Add("Silo:ClusterId: must not be empty");
        if (!double.IsFinite(options.Speed) || options.Speed < 1 || options.Speed > 3600)
        {
            errors.Add($"Silo:Speed: must be a number from 1 to 3600 (got {options.Speed})");
        }
        if (options.SiloPort is < 1 or > 65535) errors.Add($"Silo:SiloPort: must be a port from 1 to 65535 (got {options.SiloPort})");
        if (options.GatewayPort is < 1 or > 65535) errors.Add($"Silo:GatewayPort: must be a port from 1 to 65535 (got {options.GatewayPort})");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
