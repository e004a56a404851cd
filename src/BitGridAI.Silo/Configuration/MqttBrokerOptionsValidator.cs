using System.Net;
using Microsoft.Extensions.Options;

namespace BitGridAI.Silo.Configuration;

/// <summary>Checks <c>Mqtt</c>: a valid address and port, and credentials before the broker may listen beyond loopback.</summary>
internal sealed class MqttBrokerOptionsValidator : IValidateOptions<MqttBrokerOptions>
{
    public ValidateOptionsResult Validate(string? name, MqttBrokerOptions options)
    {
        if (!options.Enabled)
        {
            return ValidateOptionsResult.Success;
        }
        var errors = new List<string>();
        if (!IPAddress.TryParse(options.Host, out var address))
        {
            errors.Add($"Mqtt:Host: must be an IP address such as 127.0.0.1 (got '{options.Host}')");
        }
        else if (!IPAddress.IsLoopback(address) && (string.IsNullOrEmpty(options.Username) || string.IsNullOrEmpty(options.Password)))
        {
            errors.Add($"Mqtt:Host: listening on {options.Host} (beyond this machine) requires Mqtt:Username and Mqtt:Password");
        }
        if (options.Port is < 1 or > 65535)
        {
            errors.Add($"Mqtt:Port: must be a port from 1 to 65535 (got {options.Port})");
        }
        if (options.MaxPendingMessagesPerClient is < 10 or > 1_000_000)
        {
            errors.Add($"Mqtt:MaxPendingMessagesPerClient: must be from 10 to 1000000 (got {options.MaxPendingMessagesPerClient})");
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
