namespace BitGridAI.Simulator.Protocols;

/// <summary>
/// One Modbus unit (slave id) behind <see cref="ModbusTcpServer"/>: its registers and coils at 0-based wire
/// addresses. Each call sees one consistent state; an address range partly outside the map is
/// <see cref="ModbusError.IllegalDataAddress"/>. Counts are already checked against the protocol's limits.
/// </summary>
public interface IModbusUnit
{
    /// <summary>FC 3.</summary>
    ModbusError ReadHoldingRegisters(ushort address, Span<ushort> values);

    /// <summary>FC 4.</summary>
    ModbusError ReadInputRegisters(ushort address, Span<ushort> values);

    /// <summary>FC 6 (one value) and FC 16.</summary>
    ModbusError WriteRegisters(ushort address, ReadOnlySpan<ushort> values);

    /// <summary>FC 1.</summary>
    ModbusError ReadCoils(ushort address, Span<bool> values);

    /// <summary>FC 5.</summary>
    ModbusError WriteCoil(ushort address, bool on);
}
