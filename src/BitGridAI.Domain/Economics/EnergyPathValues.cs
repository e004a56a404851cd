namespace BitGridAI.Domain.Economics;

/// <summary>
/// What one block's miner energy is worth on each path: exported, mined, and as heat. Values in ct; sats as mined.
/// <paramref name="MiningSats"/> is null when the hashprice is unknown, <paramref name="MiningCt"/> also when the
/// BTC price is.
/// </summary>
/// <param name="EnergyKwh">The energy the miners would use in the block, in kWh.</param>
/// <param name="ExportCt">What that energy would earn exported, in ct (negative under a negative feed-in price).</param>
/// <param name="MiningSats">What mining it earns, in sats; null = hashprice unknown.</param>
/// <param name="MiningCt">The same in ct; null = hashprice or BTC price unknown.</param>
/// <param name="HeatCt">What the heat saves on heating, in ct.</param>
public sealed record EnergyPathValues(double EnergyKwh, double ExportCt, double? MiningSats, double? MiningCt, double HeatCt)
{
    /// <summary>Mining and heat together, the value the miner path is compared with export by; null when mining's value in ct is unknown.</summary>
    public double? MiningPlusHeatCt => MiningCt is { } mining ? mining + HeatCt : null;
}
