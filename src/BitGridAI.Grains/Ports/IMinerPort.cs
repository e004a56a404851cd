namespace BitGridAI.Grains.Ports;

/// <summary>Commands a miner. Implemented by the simulated site today and by the miner drivers later.</summary>
public interface IMinerPort
{
    /// <summary>Sends one command; throws <see cref="DeviceUnreachableException"/> when the miner does not take it.</summary>
    ValueTask SendAsync(string minerId, MinerCommand command, CancellationToken cancellationToken);
}
