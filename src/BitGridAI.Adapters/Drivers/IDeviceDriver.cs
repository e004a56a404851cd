using BitGridAI.Domain.Decisions;
using BitGridAI.Grains.Abstractions.Ports;

namespace BitGridAI.Adapters.Drivers;

/// <summary>One configured device behind its protocol: a poll returns what it reports; what it does not say is left out.</summary>
public interface IDeviceDriver
{
    ValueTask<IReadOnlyList<Reading>> ReadAsync(CancellationToken cancellationToken);
}

/// <summary>A miner behind its control API.</summary>
public interface IMinerDriver : IDeviceDriver
{
    ValueTask SendAsync(MinerCommand command, CancellationToken cancellationToken);

    /// <summary>What the miner is doing, from what it reports (not from what it was told).</summary>
    ValueTask<MinerMode> ReadModeAsync(CancellationToken cancellationToken);
}

/// <summary>A relay in a miner's power line.</summary>
public interface IRelayDriver
{
    ValueTask SwitchAsync(bool on, CancellationToken cancellationToken);
}
