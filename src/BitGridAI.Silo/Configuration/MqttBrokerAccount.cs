namespace BitGridAI.Silo.Configuration;

/// <summary>
/// A broker account for devices (one device, or a group such as all plugs): it may publish only the topics of
/// the devices it names — <c>{prefix}/{site}/devices/{id}/…</c>, their mapped topics, a plug's own prefix —
/// and subscribe only to those. Section <c>Mqtt:Accounts</c>.
/// </summary>
public sealed class MqttBrokerAccount
{
    public string Username { get; set; } = "";

    public string Password { get; set; } = "";

    /// <summary>Ids of the site's devices this account speaks for.</summary>
    public List<string> Devices { get; set; } = [];
}
