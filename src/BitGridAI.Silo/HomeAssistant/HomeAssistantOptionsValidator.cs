using BitGridAI.Grains.Abstractions.Site;
using BitGridAI.Silo.Configuration;
using BitGridAI.Silo.Mqtt;

namespace BitGridAI.Silo.HomeAssistant;

/// <summary>Checks <c>HomeAssistant</c>; each message names the key and what it may be.</summary>
internal static class HomeAssistantOptionsValidator
{
    public static IReadOnlyList<string> Check(HomeAssistantOptions options, MqttBrokerOptions mqtt, SiteDefinition site)
    {
        var errors = new List<string>();
        const string Key = HomeAssistantOptions.Section;
        // The telemetry tree of the site: Home Assistant's topics must not cover it, or its account could speak for devices.
        var telemetry = $"bitgrid/{site.Id}/devices/any/telemetry";
        foreach (var (name, prefix) in new[] { ("DiscoveryPrefix", options.DiscoveryPrefix), ("StatePrefix", options.StatePrefix) })
        {
            if (!IsTopicPrefix(prefix))
            {
                errors.Add($"{Key}:{name}: must be a topic without wildcards (+, #), empty levels or a leading or trailing '/' (got '{prefix}')");
            }
            else if (MqttBrokerAccess.Matches(prefix + "/#", telemetry) || MqttBrokerAccess.Matches(prefix + "/#", $"bitgrid/{site.Id}/status"))
            {
                errors.Add($"{Key}:{name}: '{prefix}' would take in BitGridAI's telemetry topics (bitgrid/{site.Id}/devices/…); use its own prefix such as bitgrid/{site.Id}/ha");
            }
        }
        if (IsTopicPrefix(options.DiscoveryPrefix) && IsTopicPrefix(options.StatePrefix)
            && (MqttBrokerAccess.Matches(options.DiscoveryPrefix + "/#", options.StatePrefix + "/x") || MqttBrokerAccess.Matches(options.StatePrefix + "/#", options.DiscoveryPrefix + "/x")))
        {
            errors.Add($"{Key}:StatePrefix: must lie outside {Key}:DiscoveryPrefix and the other way round (got '{options.StatePrefix}' and '{options.DiscoveryPrefix}')");
        }
        if (!HomeAssistantIds.IsValid(options.NodeId))
        {
            errors.Add($"{Key}:NodeId: 1 to 64 letters, digits, _ or - (got '{options.NodeId}')");
        }
        if (string.IsNullOrWhiteSpace(options.DeviceName) || options.DeviceName.Length > 100)
        {
            errors.Add($"{Key}:DeviceName: 1 to 100 characters");
        }
        if (string.IsNullOrWhiteSpace(options.Host))
        {
            errors.Add($"{Key}:Host: name the broker");
        }
        if (options.Port is < 1 or > 65535)
        {
            errors.Add($"{Key}:Port: must be a port from 1 to 65535 (got {options.Port})");
        }
        if (string.IsNullOrWhiteSpace(options.ClientId) || options.ClientId.Length > 128)
        {
            errors.Add($"{Key}:ClientId: 1 to 128 characters");
        }
        if (options.StateInterval < TimeSpan.FromSeconds(1) || options.StateInterval > TimeSpan.FromHours(1))
        {
            errors.Add($"{Key}:StateInterval: must be 00:00:01 to 01:00:00 (got {options.StateInterval})");
        }
        if (options.OverrideMinutes < 1 || options.OverrideMinutes > site.Engine.MaxOverrideMin)
        {
            errors.Add($"{Key}:OverrideMinutes: must be from 1 to max_override_min = {site.Engine.MaxOverrideMin} (got {options.OverrideMinutes})");
        }
        if (options.CommandsPerMinute is < 1 or > 600)
        {
            errors.Add($"{Key}:CommandsPerMinute: must be from 1 to 600 (got {options.CommandsPerMinute})");
        }
        if (options.Account is { } account && (account.Username.Length > 0 || account.Password.Length > 0))
        {
            CheckAccount(account, mqtt, errors);
        }
        return errors;
    }

    private static void CheckAccount(HomeAssistantAccount account, MqttBrokerOptions mqtt, List<string> errors)
    {
        const string Key = $"{HomeAssistantOptions.Section}:Account";
        if (!mqtt.Enabled)
        {
            errors.Add($"{Key}: an account is made on the embedded broker, which is off (Mqtt:Enabled=false); set it up on your own broker instead");
        }
        else if (string.IsNullOrEmpty(mqtt.Username))
        {
            errors.Add($"{Key}: needs Mqtt:Username and Mqtt:Password for the silo's own account (without them the embedded broker lets anyone in with full rights, and an account limits nothing)");
        }
        if (string.IsNullOrWhiteSpace(account.Username))
        {
            errors.Add($"{Key}:Username: name the account");
        }
        else if (account.Username == mqtt.Username || mqtt.Accounts.Any(a => a.Username == account.Username))
        {
            errors.Add($"{Key}:Username: '{account.Username}' is used by Mqtt:Username or Mqtt:Accounts already");
        }
        if (string.IsNullOrEmpty(account.Password))
        {
            errors.Add($"{Key}:Password: required");
        }
        else if (account.Password == MqttBrokerOptionsValidator.PlaceholderPassword)
        {
            errors.Add($"{Key}:Password: is still the placeholder '{MqttBrokerOptionsValidator.PlaceholderPassword}'; set a long password of your own");
        }
    }

    private static bool IsTopicPrefix(string prefix) =>
        prefix.Length is > 0 and <= 200
        && !prefix.Contains('+', StringComparison.Ordinal) && !prefix.Contains('#', StringComparison.Ordinal) && !prefix.Contains('\0', StringComparison.Ordinal)
        && prefix.Split('/').All(level => level.Length > 0);
}
