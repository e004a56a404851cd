namespace BitGridAI.Silo.HomeAssistant;

/// <summary>
/// The login Home Assistant uses at the embedded broker (section <c>HomeAssistant:Account</c>): it may publish and
/// subscribe only under the discovery prefix and BitGridAI's Home Assistant topics, never the devices' telemetry.
/// </summary>
public sealed class HomeAssistantAccount
{
    public string Username { get; set; } = "";

    public string Password { get; set; } = "";
}
