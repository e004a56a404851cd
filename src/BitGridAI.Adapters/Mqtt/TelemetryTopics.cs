namespace BitGridAI.Adapters.Mqtt;

/// <summary>
/// BitGridAI's own topics under <c>{prefix}/{site}/</c>: <c>devices/{id}/telemetry</c> in,
/// <c>status</c> (online/offline, retained) and <c>decisions/{miner}</c> out. See docs/mqtt.md.
/// </summary>
public sealed class TelemetryTopics(string prefix, string site)
{
    private readonly string _devices = $"{prefix}/{site}/devices/";

    /// <summary>The whole device tree, so a misspelt telemetry topic is counted rather than never seen.</summary>
    public string DeviceFilter { get; } = $"{prefix}/{site}/devices/#";

    public string Status { get; } = $"{prefix}/{site}/status";

    public string Telemetry(string deviceId) => $"{_devices}{deviceId}/telemetry";

    public string Decision(string minerId) => $"{prefix}/{site}/decisions/{minerId}";

    public bool IsUnderDevices(string topic) => topic.StartsWith(_devices, StringComparison.Ordinal);

    /// <summary>
    /// The device id of <c>…/devices/{id}/telemetry</c>; otherwise false, with whatever stands where the
    /// id would be (so a misspelt topic is still counted against the device it meant).
    /// </summary>
    public bool TryDevice(string topic, out string deviceId)
    {
        var rest = topic.AsSpan(_devices.Length);
        var slash = rest.IndexOf('/');
        deviceId = slash > 0 ? rest[..slash].ToString() : rest.Length > 0 ? rest.ToString() : "(none)";
        return slash > 0 && rest[(slash + 1)..].SequenceEqual("telemetry");
    }
}
