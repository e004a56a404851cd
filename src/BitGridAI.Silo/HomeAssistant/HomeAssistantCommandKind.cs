namespace BitGridAI.Silo.HomeAssistant;

/// <summary>What a Home Assistant command topic asks for.</summary>
internal enum HomeAssistantCommandKind
{
    Unknown = 0,
    Autonomy,
    Override,
    EmergencyStop,
    Acknowledge,
}
