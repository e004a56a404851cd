namespace BitGridAI.Grains.Abstractions.Messages;

/// <summary>
/// A block's energy path (docs/energy-path.md): the policy, the path taken ("mine" when any miner draws, else
/// "export"), and what the miners' energy of the block is worth exported, mined (sats, and ct when the BTC price is
/// known) and as heat.
/// </summary>
[GenerateSerializer, Immutable, Alias("bitgrid.EnergyPathRecord")]
public sealed record EnergyPathRecord(
    [property: Id(0)] string Policy,
    [property: Id(1)] string Path,
    [property: Id(2)] double EnergyKwh,
    [property: Id(3)] double ExportCt,
    [property: Id(4)] double? MiningSats,
    [property: Id(5)] double? MiningCt,
    [property: Id(6)] double HeatCt);
