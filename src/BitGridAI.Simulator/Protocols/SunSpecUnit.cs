namespace BitGridAI.Simulator.Protocols;

/// <summary>
/// A read-only Modbus unit over a SunSpec map built afresh for every request, so each read sees the site as
/// it is at that moment and a value is always read with its own scale factor. FC 3 and FC 4 read the same
/// map; there are no coils and no writable points (exception 2).
/// </summary>
internal sealed class SunSpecUnit(Func<ushort[]> map) : IModbusUnit
{
    public ModbusError ReadHoldingRegisters(ushort address, Span<ushort> values)
    {
        if (address < SunSpecMap.Start)
        {
            return ModbusError.IllegalDataAddress;
        }
        var registers = map();
        if (address - SunSpecMap.Start + values.Length > registers.Length)
        {
            return ModbusError.IllegalDataAddress;
        }
        registers.AsSpan(address - SunSpecMap.Start, values.Length).CopyTo(values);
        return ModbusError.None;
    }

    public ModbusError ReadInputRegisters(ushort address, Span<ushort> values) => ReadHoldingRegisters(address, values);

    public ModbusError WriteRegisters(ushort address, ReadOnlySpan<ushort> values) => ModbusError.IllegalDataAddress;

    public ModbusError ReadCoils(ushort address, Span<bool> values) => ModbusError.IllegalDataAddress;

    public ModbusError WriteCoil(ushort address, bool on) => ModbusError.IllegalDataAddress;
}
