using BitGridAI.Silo.Configuration;
using BitGridAI.Silo.Mqtt;

namespace BitGridAI.Silo.HomeAssistant;

/// <summary>The embedded broker's accounts with one more: Home Assistant's, limited to its topics.</summary>
internal static class HomeAssistantBrokerAccount
{
    /// <summary>
    /// <see cref="MqttBrokerAccess"/> knows accounts by the devices they speak for; here each account stands for
    /// itself (its name is its only "device"), so the existing accounts keep exactly their topics and Home Assistant's
    /// gets <paramref name="topics"/>.
    /// </summary>
    /// <param name="existing">The broker's accounts as the silo made them.</param>
    /// <param name="mqtt">The broker options (the silo's own account).</param>
    /// <param name="account">Home Assistant's login.</param>
    /// <param name="topics">The topic filters it may publish and subscribe to.</param>
    public static MqttBrokerAccess Add(MqttBrokerAccess existing, MqttBrokerOptions mqtt, HomeAssistantAccount account, IReadOnlyList<string> topics)
    {
        var accounts = new MqttBrokerOptions
        {
            Username = mqtt.Username,
            Password = mqtt.Password,
            Accounts =
            [
                .. mqtt.Accounts.Select(a => new MqttBrokerAccount { Username = a.Username, Password = a.Password, Devices = [a.Username] }),
                new MqttBrokerAccount { Username = account.Username, Password = account.Password, Devices = [account.Username] },
            ],
        };
        return new MqttBrokerAccess(accounts, name => name == account.Username ? topics : existing.FiltersOf(name));
    }
}
