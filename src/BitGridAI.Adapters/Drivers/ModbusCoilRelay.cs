using BitGridAI.Adapters.Modbus;

namespace BitGridAI.Adapters.Drivers;

/// <summary>
/// A relay on a Modbus coil: FC 5 switches it, and only the FC 1 read back of the new state confirms it —
/// a gateway echoes the write even when the relay behind it is stuck. The client may be shared with other
/// devices on the same host and port; it is not owned here.
/// </summary>
public sealed class ModbusCoilRelay(ModbusTcpClient client, byte unit, ushort coil) : IRelayDriver
{
    public async ValueTask SwitchAsync(bool on, CancellationToken cancellationToken)
    {
        await client.WriteSingleCoilAsync(unit, coil, on, cancellationToken);
        var state = await client.ReadCoilsAsync(unit, coil, 1, cancellationToken);
        if (state[0] != on)
        {
            throw new RelayUnconfirmedException($"coil {coil} of unit {unit} reads {(state[0] ? "on" : "off")} after switching it {(on ? "on" : "off")}");
        }
    }
}
