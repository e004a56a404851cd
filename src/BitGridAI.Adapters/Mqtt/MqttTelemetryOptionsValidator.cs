using BitGridAI.Domain.Signals;
using Microsoft.Extensions.Options;

namespace BitGridAI.Adapters.Mqtt;

/// <summary>
/// Checks <c>MqttTelemetry</c> before anything connects; every error names its key, e.g.
/// <c>MqttTelemetry:Devices[2]:Signals[0]:JsonPath: …</c>, and what would be accepted.
/// </summary>
public sealed class MqttTelemetryOptionsValidator : IValidateOptions<MqttTelemetryOptions>
{
    private const string S = MqttTelemetryOptions.Section;

    public ValidateOptionsResult Validate(string? name, MqttTelemetryOptions options)
    {
        var errors = Check(options);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    public static IReadOnlyList<string> Check(MqttTelemetryOptions options)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Host))
        {
            errors.Add($"{S}:Host: name the broker's host or address (e.g. 127.0.0.1)");
        }
        if (options.Port is < 1 or > 65535)
        {
            errors.Add($"{S}:Port: must be a port from 1 to 65535 (got {options.Port})");
        }
        if (string.IsNullOrEmpty(options.Username) && !string.IsNullOrEmpty(options.Password))
        {
            errors.Add($"{S}:Password: is set without {S}:Username");
        }
        if (string.IsNullOrWhiteSpace(options.ClientId) || options.ClientId.Any(char.IsControl))
        {
            errors.Add($"{S}:ClientId: must not be empty (brokers tell clients apart by it)");
        }
        TopicPart(errors, "Site", options.Site, allowSlash: false);
        TopicPart(errors, "TopicPrefix", options.TopicPrefix, allowSlash: true);
        Range(errors, "MaxPayloadBytes", options.MaxPayloadBytes, 64, 1_048_576);
        Range(errors, "QueueCapacity", options.QueueCapacity, 100, 10_000_000);
        Range(errors, "LogEveryN", options.LogEveryN, 1, 1_000_000);
        if (options.ReconnectMinDelay <= TimeSpan.Zero || options.ReconnectMinDelay > TimeSpan.FromMinutes(5))
        {
            errors.Add($"{S}:ReconnectMinDelay: must be more than 0 and at most 00:05:00 (got {options.ReconnectMinDelay})");
        }
        if (options.ReconnectMaxDelay < options.ReconnectMinDelay || options.ReconnectMaxDelay > TimeSpan.FromHours(1))
        {
            errors.Add($"{S}:ReconnectMaxDelay: must be from ReconnectMinDelay ({options.ReconnectMinDelay}) to 01:00:00 (got {options.ReconnectMaxDelay})");
        }
        if (options.ConnectTimeout <= TimeSpan.Zero || options.ConnectTimeout > TimeSpan.FromMinutes(2))
        {
            errors.Add($"{S}:ConnectTimeout: must be more than 0 and at most 00:02:00 (got {options.ConnectTimeout})");
        }
        var schemaIds = new HashSet<string>(StringComparer.Ordinal);
        for (var d = 0; d < options.SchemaDevices.Count; d++)
        {
            var device = options.SchemaDevices[d];
            if (string.IsNullOrWhiteSpace(device.Id) || device.Id.IndexOfAny(['/', '+', '#']) >= 0)
            {
                errors.Add($"{S}:SchemaDevices[{d}]:Id: must be a device id without '/', '+' or '#' (got '{device.Id}')");
            }
            else if (!schemaIds.Add(device.Id))
            {
                errors.Add($"{S}:SchemaDevices[{d}]:Id: '{device.Id}' is listed twice; list all its signals under one entry");
            }
            for (var s = 0; s < device.Signals.Count; s++)
            {
                if (!SignalInfo.TryParse(device.Signals[s], out _))
                {
                    errors.Add($"{S}:SchemaDevices[{d}]:Signals[{s}]: '{device.Signals[s]}' is no signal (use e.g. pv_power_w; docs/mqtt.md lists them)");
                }
            }
        }
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var d = 0; d < options.Devices.Count; d++)
        {
            CheckDevice(errors, $"{S}:Devices[{d}]", options.Devices[d], ids, options);
        }
        return errors;
    }

    private static void CheckDevice(List<string> errors, string key, MqttDeviceMapping device, HashSet<string> ids, MqttTelemetryOptions options)
    {
        if (string.IsNullOrWhiteSpace(device.Id))
        {
            errors.Add($"{key}:Id: name the device as the site knows it (e.g. pv-1)");
        }
        else if (!ids.Add(device.Id))
        {
            errors.Add($"{key}:Id: '{device.Id}' is mapped twice; list all its topics under one device");
        }
        if (device.Signals.Count == 0)
        {
            errors.Add($"{key}:Signals: list at least one topic and signal");
        }
        var ownTree = $"{options.TopicPrefix}/{options.Site}/";
        for (var s = 0; s < device.Signals.Count; s++)
        {
            var mapping = device.Signals[s];
            var at = $"{key}:Signals[{s}]";
            if (string.IsNullOrWhiteSpace(mapping.Topic) || mapping.Topic.IndexOfAny(['+', '#', '\0']) >= 0)
            {
                errors.Add($"{at}:Topic: must be one exact topic without wildcards (got '{mapping.Topic}')");
            }
            else if (mapping.Topic.StartsWith(ownTree, StringComparison.Ordinal))
            {
                errors.Add($"{at}:Topic: '{mapping.Topic}' lies in BitGridAI's own tree {ownTree}; publish there in the BitGridAI schema instead");
            }
            if (!SignalInfo.TryParse(mapping.Signal, out _))
            {
                errors.Add($"{at}:Signal: '{mapping.Signal}' is no signal (one of {string.Join(", ", SignalInfo.All.Select(SignalInfo.Name))})");
            }
            if (mapping.JsonPath.Length > 0 && !JsonPath.TryParse(mapping.JsonPath, out _, out var pathError))
            {
                errors.Add($"{at}:JsonPath: {pathError}");
            }
            if (mapping.TimestampPath.Length > 0)
            {
                if (mapping.JsonPath.Length == 0)
                {
                    errors.Add($"{at}:TimestampPath: a plain-number payload has no timestamp; leave it empty or set JsonPath");
                }
                else if (!JsonPath.TryParse(mapping.TimestampPath, out _, out var timeError))
                {
                    errors.Add($"{at}:TimestampPath: {timeError}");
                }
            }
            if (!double.IsFinite(mapping.Scale) || mapping.Scale == 0)
            {
                errors.Add($"{at}:Scale: must be a finite number other than 0 (got {mapping.Scale})");
            }
            if (!double.IsFinite(mapping.Offset))
            {
                errors.Add($"{at}:Offset: must be a finite number (got {mapping.Offset})");
            }
            if (mapping.Unit.Length > 0 && SignalInfo.TryParse(mapping.Signal, out var target) && !SignalUnits.TryConversion(target, mapping.Unit, out _, out _))
            {
                errors.Add($"{at}:Unit: {mapping.Signal} takes {string.Join(", ", SignalUnits.Accepted(target))} (got '{mapping.Unit}')");
            }
        }
    }

    private static void TopicPart(List<string> errors, string key, string value, bool allowSlash)
    {
        if (string.IsNullOrWhiteSpace(value) || value.IndexOfAny(['+', '#', '\0']) >= 0
            || (!allowSlash && value.Contains('/', StringComparison.Ordinal)) || value.StartsWith('/') || value.EndsWith('/'))
        {
            errors.Add($"{S}:{key}: must be a topic level without wildcards{(allowSlash ? "" : " or '/'")} (got '{value}')");
        }
    }

    private static void Range(List<string> errors, string key, int value, int min, int max)
    {
        if (value < min || value > max)
        {
            errors.Add($"{S}:{key}: must be from {min} to {max} (got {value})");
        }
    }
}
