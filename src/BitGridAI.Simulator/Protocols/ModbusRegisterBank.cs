namespace BitGridAI.Simulator.Protocols;

/// <summary>
/// A plain in-memory Modbus unit: a block of registers and a block of coils, each at its own start address;
/// anything outside them is an illegal address. FC 4 reads the same registers as FC 3, as many small devices
/// do. Thread-safe: the server serves several connections at once.
/// </summary>
public sealed class ModbusRegisterBank(ushort registerStart, int registerCount, ushort coilStart = 0, int coilCount = 0) : IModbusUnit
{
    private readonly ushort[] _registers = new ushort[registerCount];
    private readonly bool[] _coils = new bool[coilCount];
    private readonly Lock _gate = new();

    /// <summary>A holding register by its 0-based wire address.</summary>
    public ushort this[ushort address]
    {
        get
        {
            lock (_gate)
            {
                return _registers[address - registerStart];
            }
        }
        set
        {
            lock (_gate)
            {
                _registers[address - registerStart] = value;
            }
        }
    }

    public bool Coil(ushort address)
    {
        lock (_gate)
        {
            return _coils[address - coilStart];
        }
    }

    public ModbusError ReadHoldingRegisters(ushort address, Span<ushort> values) => Read(_registers, registerStart, address, values);

    public ModbusError ReadInputRegisters(ushort address, Span<ushort> values) => ReadHoldingRegisters(address, values);

    public ModbusError WriteRegisters(ushort address, ReadOnlySpan<ushort> values) => Write(_registers, registerStart, address, values);

    public ModbusError ReadCoils(ushort address, Span<bool> values) => Read(_coils, coilStart, address, values);

    public ModbusError WriteCoil(ushort address, bool on) => Write(_coils, coilStart, address, [on]);

    private ModbusError Read<T>(T[] block, ushort start, ushort address, Span<T> values)
    {
        lock (_gate)
        {
            if (!Inside(address, values.Length, start, block.Length))
            {
                return ModbusError.IllegalDataAddress;
            }
            block.AsSpan(address - start, values.Length).CopyTo(values);
            return ModbusError.None;
        }
    }

    private ModbusError Write<T>(T[] block, ushort start, ushort address, ReadOnlySpan<T> values)
    {
        lock (_gate)
        {
            if (!Inside(address, values.Length, start, block.Length))
            {
                return ModbusError.IllegalDataAddress;
            }
            values.CopyTo(block.AsSpan(address - start));
            return ModbusError.None;
        }
    }

    private static bool Inside(int address, int count, int start, int length) => address >= start && address + count <= start + length;
}
