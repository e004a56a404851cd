namespace BitGridAI.Grains.Abstractions.Ports;

/// <summary>
/// A device did not answer, or not usefully; its grain keeps its last contact time, so the engine sees the
/// loss. <see cref="Kind"/> says what went wrong in one word (timeout, connection, framing,
/// modbus_exception_2, sunspec, miner_api, backoff, …); device grains count failures by it.
/// </summary>
public sealed class DeviceUnreachableException(string deviceId, string reason, string kind = "unreachable")
    : Exception($"device '{deviceId}' is unreachable: {reason}")
{
    public string DeviceId { get; } = deviceId;

    public string Kind { get; } = kind;
}
