namespace BitGridAI.Grains.Abstractions.Ports;

/// <summary>A relay in a miner's power line (a smart plug, a Modbus coil): the last resort when the miner's own API does not answer a safety stop.</summary>
public interface IRelayPort
{
    /// <summary>Opens (<paramref name="on"/> false) or closes the relay; throws <see cref="DeviceUnreachableException"/> when it does not answer.</summary>
    ValueTask SwitchAsync(string relayId, bool on, CancellationToken cancellationToken);
}
