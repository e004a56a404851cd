namespace BitGridAI.Adapters.Modbus;

/// <summary>
/// The largest counts one Modbus request may carry (Modbus Application Protocol v1.1b3, §6): what fits in
/// a 253-byte PDU. Our client and the simulator's server both hold requests to them.
/// </summary>
public static class ModbusLimits
{
    /// <summary>FC 3 and FC 4: holding or input registers per read.</summary>
    public const int MaxReadRegisters = 125;

    /// <summary>FC 16: registers per write.</summary>
    public const int MaxWriteRegisters = 123;

    /// <summary>FC 1: coils per read.</summary>
    public const int MaxReadCoils = 2000;
}
