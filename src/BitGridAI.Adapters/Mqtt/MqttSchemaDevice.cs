namespace BitGridAI.Adapters.Mqtt;

/// <summary>
/// A device that publishes in BitGridAI's own schema on <c>{prefix}/{site}/devices/{Id}/telemetry</c>, and the
/// only signals it may send there: a device speaks for itself and for nothing else.
/// </summary>
public sealed class MqttSchemaDevice
{
    public string Id { get; set; } = "";

    /// <summary>Snake_case signal names, e.g. <c>pv_power_w</c>.</summary>
    public List<string> Signals { get; set; } = [];
}
