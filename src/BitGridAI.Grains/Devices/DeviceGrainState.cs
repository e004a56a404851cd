using BitGridAI.Grains.Abstractions.Messages;

namespace BitGridAI.Grains.Devices;

/// <summary>What a device grain persists, once per block window (never per sample).</summary>
[GenerateSerializer, Alias("bitgrid.state.Device")]
internal sealed class DeviceGrainState
{
    [Id(0)] public Dictionary<string, TelemetrySample> Latest { get; set; } = [];
    [Id(1)] public DateTimeOffset? LastContact { get; set; }
    [Id(2)] public Dictionary<string, long> Rejected { get; set; } = [];
    [Id(3)] public long Accepted { get; set; }
    [Id(4)] public DateTimeOffset? WindowClosedAt { get; set; }
    /// <summary>Failed polls by kind (timeout, connection, modbus_exception_2, …).</summary>
    [Id(5)] public Dictionary<string, long> PollFailures { get; set; } = [];
}
