using System.Collections.Immutable;
using BitGridAI.Grains.Abstractions.Messages;

namespace BitGridAI.Grains.Abstractions.Devices;

/// <summary>What a device grain knows right now, with its health: ok, warn (answers, not cleanly) or error (no fresh data).</summary>
[GenerateSerializer, Immutable, Alias("bitgrid.DeviceStatus")]
public sealed record DeviceStatus(
    [property: Id(0)] string DeviceId,
    [property: Id(1)] ImmutableArray<TelemetrySample> Latest,
    [property: Id(2)] DateTimeOffset? LastContact,
    [property: Id(3)] ImmutableDictionary<string, long> Rejected,
    [property: Id(4)] long Accepted,
    [property: Id(5)] string Health,
    [property: Id(6)] string? HealthReason)
{
    /// <summary>Failed polls since the device was first seen, by kind (timeout, connection, modbus_exception_2, miner_api, …).</summary>
    [Id(7)] public ImmutableDictionary<string, long> PollFailures { get; init; } = ImmutableDictionary<string, long>.Empty;
}
