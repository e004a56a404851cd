namespace BitGridAI.Grains.Ports;

/// <summary>A device did not answer; its grain keeps its last contact time, so the engine sees the loss.</summary>
public sealed class DeviceUnreachableException(string deviceId, string reason)
    : Exception($"device '{deviceId}' is unreachable: {reason}")
{
    public string DeviceId { get; } = deviceId;
}
