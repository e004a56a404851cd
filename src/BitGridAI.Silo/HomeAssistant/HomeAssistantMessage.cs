namespace BitGridAI.Silo.HomeAssistant;

/// <summary>A retained message the bridge publishes: a discovery config or a state.</summary>
internal sealed record HomeAssistantMessage(string Topic, string Payload);
