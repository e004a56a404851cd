using BitGridAI.Domain.Decisions;

namespace BitGridAI.Grains.Abstractions.Ports;

/// <summary>Commands a miner and reads back what it does. Implemented by the simulated site today and by the miner drivers later.</summary>
public interface IMinerPort
{
    /// <summary>Sends one command; throws <see cref="DeviceUnreachableException"/> when the miner does not take it.</summary>
    ValueTask SendAsync(string minerId, MinerCommand command, CancellationToken cancellationToken);

    /// <summary>What the miner reports it is doing (its mode; <see cref="MinerMode.None"/> = not mining); throws when it does not answer.</summary>
    ValueTask<MinerMode> ReadModeAsync(string minerId, CancellationToken cancellationToken);
}
