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

    public ModbusError ReadHoldingRegisters(ushort address, Span<ushort> values)
    {
        lock (_gate)
        {
            if (!Inside(address, values.Length, registerStart, _registers.Length))
            {
                return ModbusError.IllegalDataAddress;
            }
            _registers.AsSpan(address - registerStart, values.Length).CopyTo(values);
            return ModbusError.None;
        }
    }

    public ModbusError ReadInputRegisters(ushort address, Span<ushort> values) => ReadHoldingRegisters(address, values);

    public ModbusError WriteRegisters(ushort address, ReadOnlySpan<ushort> values)
    {
        lock (_gate)
        {
            if (!Inside(address, values.Length, registerStart, _registers.Length))
            {
                return ModbusError.IllegalDataAddress;
            }
            values.CopyTo(_registers.AsSpan(address - registerStart));
            return ModbusError.None;
        }
    }

    public ModbusError ReadCoils(ushort address, Span<bool> values)
    {
        lock (_gate)
        {
            if (!Inside(address, values.Length, coilStart, _coils.Length))
            {
                return ModbusError.IllegalDataAddress;
            }
            _coils.AsSpan(address - coilStart, values.Length).CopyTo(values);
            return ModbusError.None;
        }
    }

    public ModbusError WriteCoil(ushort address, bool on)
    {
        lock (_gate)
        {
            if (!Inside(address, 1, coilStart, _coils.Length))
            {
                return ModbusError.IllegalDataAddress;
            }
            _coils[address - coilStart] = on;
            return ModbusError.None;
        }
    }

    private static bool Inside(int address, int count, int start, int length) => address >= start && address + count <= start + length;
}
