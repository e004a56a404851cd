namespace BitGridAI.Adapters.SunSpec;

/// <summary>One model in a device's SunSpec chain: its id, the address of its ID register, and its length L (registers after ID and L).</summary>
public sealed record SunSpecModel(ushort Id, ushort Address, ushort Length);
