namespace BitGridAI.Grains.Abstractions.Ports;

/// <summary>A relay in a miner's power line (a smart plug, a Modbus coil): the last resort when the miner's own API does not answer a safety stop.</summary>
public interface IRelayPort
{
    /// <summary>
    /// Opens (<paramref name="on"/> false) or closes the relay, and returns only once the relay itself has
    /// reported the new state (a plug's status message, a coil read back) — a broker's or gateway's
    /// acknowledgement of the command is not enough, since the plug may be offline or its contacts welded.
    /// Throws <see cref="DeviceUnreachableException"/> when the command cannot be sent, and with kind
    /// <c>relay_unconfirmed</c> when no report of the new state comes within the relay's timeout.
    /// </summary>
    ValueTask SwitchAsync(string relayId, bool on, CancellationToken cancellationToken);
}
