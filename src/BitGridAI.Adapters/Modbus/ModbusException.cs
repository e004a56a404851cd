namespace BitGridAI.Adapters.Modbus;

/// <summary>A Modbus exception reply (function code with 0x80 set): the device understood and refused.</summary>
public sealed class ModbusException(byte functionCode, byte exceptionCode)
    : Exception($"Modbus exception {exceptionCode} ({Describe(exceptionCode)}) to function {functionCode}")
{
    public byte FunctionCode { get; } = functionCode;

    public byte ExceptionCode { get; } = exceptionCode;

    public static string Describe(byte code) => code switch
    {
        1 => "illegal function",
        2 => "illegal data address",
        3 => "illegal data value",
        4 => "server device failure",
        5 => "acknowledge",
        6 => "server device busy",
        10 => "gateway path unavailable",
        11 => "gateway target failed to respond",
        _ => "unknown exception",
    };
}
