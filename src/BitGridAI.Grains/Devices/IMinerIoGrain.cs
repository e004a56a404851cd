using BitGridAI.Domain.Decisions;

namespace BitGridAI.Grains.Devices;

/// <summary>A miner grain's commands, readbacks and relay switches report back here, each in a turn of its own.</summary>
internal interface IMinerIoGrain : IDeviceIoGrain
{
    /// <summary>Send number <paramref name="send"/> is done (the miner took it) or failed.</summary>
    Task CommandDoneAsync(long send, DeviceFailure? failure);

    /// <summary>Readback number <paramref name="read"/>: the mode the miner reports, or why there is none.</summary>
    Task ReadBackAsync(long read, MinerMode mode, DeviceFailure? failure);

    /// <summary>The relay reported itself <paramref name="on"/>, or the switch failed.</summary>
    Task RelaySwitchedAsync(bool on, DeviceFailure? failure);
}
