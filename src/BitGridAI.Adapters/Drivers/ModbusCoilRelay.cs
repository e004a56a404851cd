using BitGridAI.Adapters.Modbus;

namespace BitGridAI.Adapters.Drivers;

/// <summary>A relay on a Modbus coil (FC 5 to switch, FC 1 to read back that it did).</summary>
public sealed class ModbusCoilRelay(ModbusTcpClient client, byte unit, ushort coil) : IRelayDriver
{
    public async ValueTask SwitchAsync(bool on, CancellationToken cancellationToken)
    {
        await client.WriteSingleCoilAsync(unit, coil, on, cancellationToken);
        var state = await client.ReadCoilsAsync(unit, coil, 1, cancellationToken);
        if (state[0] != on)
        {
            throw new ModbusProtocolException($"coil {coil} of unit {unit} reads {(state[0] ? "on" : "off")} after switching it {(on ? "on" : "off")}");
        }
    }

}
