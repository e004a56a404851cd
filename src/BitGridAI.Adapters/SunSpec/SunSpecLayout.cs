using BitGridAI.Adapters.Modbus;

namespace BitGridAI.Adapters.SunSpec;

/// <summary>
/// Where a device keeps its SunSpec map and how it orders words. <see cref="BaseAddress"/> null means
/// "look for the marker at 40000, 0 and 50000"; a device that keeps it elsewhere names the 0-based
/// address of its "SunS" marker.
/// </summary>
public sealed record SunSpecLayout(ushort? BaseAddress = null, WordOrder WordOrder = WordOrder.HighFirst)
{
    public static SunSpecLayout Standard { get; } = new();
}
