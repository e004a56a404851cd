namespace BitGridAI.Silo.HomeAssistant;

/// <summary>Every topic the Home Assistant bridge uses, from its options. The command topics are the only ones it reads.</summary>
internal sealed class HomeAssistantTopics(HomeAssistantOptions options)
{
    public const string Online = "online";
    public const string Offline = "offline";

    /// <summary><c>online</c> while the bridge is connected (retained); <c>offline</c> as its last will and on a clean stop.</summary>
    public string Availability { get; } = $"{options.StatePrefix}/availability";

    /// <summary>The site's state as one JSON object: decision, explanation, surplus, autonomy, override.</summary>
    public string Site { get; } = $"{options.StatePrefix}/site";

    /// <summary>Home Assistant's own birth and will (<c>online</c>/<c>offline</c>): at <c>online</c> it has restarted and wants the discovery again.</summary>
    public string HomeAssistantStatus { get; } = $"{options.DiscoveryPrefix}/status";

    public string AutonomyCommand { get; } = $"{options.StatePrefix}/autonomy/set";

    public string OverrideCommand { get; } = $"{options.StatePrefix}/override/set";

    public string EmergencyStopCommand { get; } = $"{options.StatePrefix}/emergency_stop/set";

    public string AcknowledgeCommand { get; } = $"{options.StatePrefix}/emergency_stop_ack/set";

    public IReadOnlyList<string> Commands => [AutonomyCommand, OverrideCommand, EmergencyStopCommand, AcknowledgeCommand];

    /// <summary>One miner's state as one JSON object, under its sanitized object id.</summary>
    public string Miner(string objectId) => $"{options.StatePrefix}/miners/{objectId}";

    /// <summary><c>{discovery}/{component}/{node}/{object}/config</c>, as Home Assistant looks for it.</summary>
    public string Config(string component, string objectId) => $"{options.DiscoveryPrefix}/{component}/{options.NodeId}/{objectId}/config";
}
