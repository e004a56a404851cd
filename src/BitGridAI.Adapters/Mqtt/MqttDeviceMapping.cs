namespace BitGridAI.Adapters.Mqtt;

/// <summary>A configured device (by the id a site knows it under) and the topics its signals are read from.</summary>
public sealed class MqttDeviceMapping
{
    public string Id { get; set; } = "";

    public List<MqttSignalMapping> Signals { get; set; } = [];
}
