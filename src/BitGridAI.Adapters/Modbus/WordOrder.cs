namespace BitGridAI.Adapters.Modbus;

/// <summary>
/// How a device lays a 32-bit value over two registers. SunSpec says high word first; some vendors put
/// the low word first, so it is a per-device setting.
/// </summary>
public enum WordOrder
{
    HighFirst,
    LowFirst,
}
