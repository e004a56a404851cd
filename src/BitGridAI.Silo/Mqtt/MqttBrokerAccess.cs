using System.Security.Cryptography;
using System.Text;
using BitGridAI.Silo.Configuration;

namespace BitGridAI.Silo.Mqtt;

/// <summary>
/// Who may do what on the embedded broker: the silo's own account everything; each device account only the
/// topics of the devices it names. Passwords are compared in constant time, so the time a refusal takes
/// says nothing about how much of a guess was right.
/// </summary>
internal sealed class MqttBrokerAccess
{
    private readonly MqttBrokerOptions _options;
    private readonly Dictionary<string, (MqttBrokerAccount Account, string[] Filters)> _accounts;

    /// <param name="options">The checked broker options.</param>
    /// <param name="topicsOf">The topic filters a device publishes on (its telemetry tree, mapped topics, a plug's prefix).</param>
    public MqttBrokerAccess(MqttBrokerOptions options, Func<string, IEnumerable<string>> topicsOf)
    {
        _options = options;
        _accounts = options.Accounts.ToDictionary(
            a => a.Username,
            a => (a, a.Devices.SelectMany(topicsOf).Distinct(StringComparer.Ordinal).ToArray()),
            StringComparer.Ordinal);
    }

    /// <summary>Everything is allowed: no accounts at all (a loopback-only broker, as the validator insists).</summary>
    public static MqttBrokerAccess Open(MqttBrokerOptions options) => new(options, _ => []);

    /// <summary>The account a CONNECT logs in as: <see cref="Silo"/>, a device account's name, or null when refused.</summary>
    public string? Authenticate(string? username, string? password)
    {
        if (string.IsNullOrEmpty(_options.Username))
        {
            return Silo; // no accounts configured: the broker listens on loopback only
        }
        var silo = SameSecret(username, _options.Username) & SameSecret(password, _options.Password);
        if (silo)
        {
            return Silo;
        }
        return username is not null && _accounts.TryGetValue(username, out var device) && SameSecret(password, device.Account.Password)
            ? username
            : null;
    }

    /// <summary>The name the silo's own account is known by after login.</summary>
    public const string Silo = "(silo)";

    /// <summary>Whether the account may publish to (or subscribe to) <paramref name="topic"/>.</summary>
    public bool Allows(string? account, string topic) =>
        account == Silo || (account is not null && _accounts.TryGetValue(account, out var device) && device.Filters.Any(f => Matches(f, topic)));

    /// <summary>The topics an account may use, for error messages.</summary>
    public IEnumerable<string> FiltersOf(string account) => _accounts.TryGetValue(account, out var device) ? device.Filters : [];

    /// <summary>MQTT topic matching: <c>+</c> one level, <c>#</c> the rest. A subscription filter is allowed only when it lies inside one of the account's.</summary>
    internal static bool Matches(string filter, string topic)
    {
        var f = filter.Split('/');
        var t = topic.Split('/');
        for (var i = 0; i < f.Length; i++)
        {
            if (f[i] == "#")
            {
                return true;
            }
            if (i >= t.Length || (f[i] != "+" && f[i] != t[i]) || (f[i] == "+" && t[i] is "#"))
            {
                return false;
            }
        }
        return f.Length == t.Length;
    }

    /// <summary>Constant-time equality of two secrets: both are hashed first, so their lengths leak nothing either.</summary>
    private static bool SameSecret(string? given, string? expected) =>
        CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(given ?? "")),
            SHA256.HashData(Encoding.UTF8.GetBytes(expected ?? "")));
}
