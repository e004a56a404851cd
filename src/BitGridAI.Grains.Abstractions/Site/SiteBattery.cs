namespace BitGridAI.Grains.Abstractions.Site;

/// <summary>
/// The house battery's size and limits as configured: what a what-if replay needs to re-simulate the state of
/// charge closed-loop. Without it a replay keeps the recorded SoC and says so.
/// </summary>
public sealed record SiteBattery(double CapacityWh, double MaxChargeW, double MaxDischargeW, double ChargeEfficiency, double FloorPct);
