using BitGridAI.Domain.Decisions;
using BitGridAI.Grains.Abstractions.Messages;
using BitGridAI.Grains.Ports;

namespace BitGridAI.Adapters.Drivers;

/// <summary>One configured device behind its protocol: a poll returns its readings, stamped <c>now</c> in site time.</summary>
public interface IDeviceDriver
{
    ValueTask<IReadOnlyList<TelemetrySample>> ReadAsync(DateTimeOffset now, CancellationToken cancellationToken);
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
