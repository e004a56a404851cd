using System.Net;
using Microsoft.Extensions.Options;

namespace BitGridAI.Silo.Configuration;

/// <summary>Checks <c>Mqtt</c>: a valid address and port, and credentials before the broker may listen beyond loopback.</summary>
internal sealed class MqttBrokerOptionsValidator : IValidateOptions<MqttBrokerOptions>
{
    /// <summary>The password silo-config/example-site.json ships with: a broker with it is open to anyone who has read the file.</summary>
    public const string PlaceholderPassword = "set-a-long-password-here";

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
        if (options.Password == PlaceholderPassword)
        {
            errors.Add($"Mqtt:Password: is still the placeholder '{PlaceholderPassword}' from example-site.json; set a long password of your own");
        }
        if (options.MaxPacketBytes is < 1024 or > 16 * 1024 * 1024)
        {
            errors.Add($"Mqtt:MaxPacketBytes: must be from 1024 to 16777216 (got {options.MaxPacketBytes})");
        }
        if (options.Accounts.Count > 0 && string.IsNullOrEmpty(options.Username))
        {
            errors.Add("Mqtt:Accounts: device accounts need Mqtt:Username and Mqtt:Password for the silo's own account (without them anyone may connect with full rights)");
        }
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < options.Accounts.Count; i++)
        {
            var account = options.Accounts[i];
            var key = $"Mqtt:Accounts:{i}";
            if (string.IsNullOrWhiteSpace(account.Username))
            {
                errors.Add($"{key}:Username: name the account");
            }
            else if (account.Username == options.Username || !names.Add(account.Username))
            {
                errors.Add($"{key}:Username: '{account.Username}' is used twice (accounts and Mqtt:Username must differ)");
            }
            if (string.IsNullOrEmpty(account.Password))
            {
                errors.Add($"{key}:Password: required");
            }
            else if (account.Password == PlaceholderPassword)
            {
                errors.Add($"{key}:Password: is still the placeholder '{PlaceholderPassword}'; set a long password of your own");
            }
            if (account.Devices.Count == 0)
            {
                errors.Add($"{key}:Devices: list the ids of the devices this account publishes for");
            }
        }
        if (options.MaxPendingMessagesPerClient is < 10 or > 1_000_000)
        {
            errors.Add($"Mqtt:MaxPendingMessagesPerClient: must be from 10 to 1000000 (got {options.MaxPendingMessagesPerClient})");
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
