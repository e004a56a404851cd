namespace BitGridAI.Domain.Physics;

/// <summary>
/// A home battery behind the meter: it takes what it can of a surplus and covers what it can of a deficit
/// within its power limits and above its floor; the grid takes the rest.
/// </summary>
/// <param name="CapacityWh">Usable capacity in Wh.</param>
/// <param name="MaxChargeW">Largest charging power in W.</param>
/// <param name="MaxDischargeW">Largest discharging power in W.</param>
/// <param name="ChargeEfficiency">Share of the charging energy that ends up stored (0–1].</param>
/// <param name="FloorPct">The battery management keeps this much charge; it never discharges below it.</param>
public sealed record HomeBattery(double CapacityWh, double MaxChargeW, double MaxDischargeW, double ChargeEfficiency, double FloorPct)
{
    /// <summary>
    /// One step of <paramref name="hours"/> at a net power of <paramref name="netW"/> (PV minus every load; positive =
    /// surplus) from <paramref name="socPct"/>. <paramref name="canDischarge"/> false models an inverter trip.
    /// </summary>
    public EnergyFlow Step(double socPct, double netW, double hours, bool canDischarge = true)
    {
        var roomWh = (100 - socPct) / 100 * CapacityWh;
        var availableWh = Math.Max(0, socPct - FloorPct) / 100 * CapacityWh;
        var chargeW = netW > 0 ? Math.Min(Math.Min(netW, MaxChargeW), roomWh / hours / ChargeEfficiency) : 0;
        var dischargeW = netW < 0 && canDischarge ? Math.Min(Math.Min(-netW, MaxDischargeW), availableWh / hours) : 0;
        var nextSoc = Math.Clamp(socPct + (((chargeW * ChargeEfficiency) - dischargeW) * hours / CapacityWh * 100), 0, 100);
        return new EnergyFlow(nextSoc, dischargeW - chargeW, Math.Max(0, -netW - dischargeW), Math.Max(0, netW - chargeW));
    }
}
