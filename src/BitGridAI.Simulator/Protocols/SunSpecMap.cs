namespace BitGridAI.Simulator.Protocols;

/// <summary>
/// The simulated site's inverter, meter and battery as SunSpec register maps, each starting with "SunS" at
/// 40000 (wire address; 40001 in datasheets), then common model 1 (L=66), the device's models and the end
/// marker 0xFFFF. Values come from one <see cref="SimulatedSiteReading"/>, so a value and its scale factor
/// always agree. Sign conventions: meter W positive = importing from the grid (W = import − export); battery
/// W positive = discharging (as <see cref="SimulatedSite.BatteryW"/>). Energy counters are acc32 in Wh since
/// installation: <see cref="CounterBaselineWh"/> (the devices ran before the simulation started) plus what the
/// site has counted since its start. The baseline keeps a counter from reading 0, which SunSpec reserves for
/// "not implemented".
/// </summary>
internal static class SunSpecMap
{
    public const ushort Start = 40000;

    /// <summary>What every energy counter showed when the simulation started, in Wh.</summary>
    public const double CounterBaselineWh = 1_000_000;

    // One character a register after ID and L (see SunSpecModelWriter); lengths are the standard's.
    private const string CommonLayout = "xxxxxxxxxxxxxxxx" + "xxxxxxxxxxxxxxxx" + "xxxxxxxx" + "xxxxxxxx" + "xxxxxxxxxxxxxxxx" + "up";
    private const string InverterLayout = "uuuus" + "uuu" + "uuus" + "is" + "us" + "is" + "is" + "is" + "aas" + "us" + "us" + "is" + "iiiis" + "ee" + "BBBBBBBBBBBB";
    private const string MeterLayout = "iiiis" + "iiiiiiii" + "s" + "is" + "iiiis" + "iiiis" + "iiiis" + "iiiis"
        + "aaaaaaaaaaaaaaaa" + "s" + "aaaaaaaaaaaaaaaa" + "s" + "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" + "s" + "BB";
    private const string BatteryLayout = "uuuuuuuuuuuu" + "UU" + "ee" + "uuu" + "eee" + "UU" + "BBBBBBBB" + "uuuuuuuuuu" + "iuuieiee" + "ssssssssssss";
    private const string StorageLayout = "uuubuuuuue" + "ii" + "uuu" + "e" + "ssssssss";

    // SunSpec enumerations used below.
    private const ushort InverterMppt = 4;
    private const ushort InverterSleeping = 2;
    private const ushort ChargeDischarging = 3;
    private const ushort ChargeCharging = 4;
    private const ushort ChargeHolding = 6;
    private const ushort LithiumIon = 4;
    private const ushort BatteryConnected = 3;

    public static ushort[] Inverter(SimulatedSiteReading site, string serial, byte unit) => Chain(
        Common(serial, unit),
        new SunSpecModelWriter(103, InverterLayout)
            .Signed(14, 15, site.PvW)
            .Unsigned(16, 17, 50, finestScale: -2)
            .Accumulator(24, CounterBaselineWh + site.PvEnergyWh).Scale(26, 0)
            .Raw(38, site.PvW > 0 ? InverterMppt : InverterSleeping));

    public static ushort[] Meter(SimulatedSiteReading site, string serial, byte unit) => Chain(
        Common(serial, unit),
        new SunSpecModelWriter(203, MeterLayout)
            .Signed(16, 17, 50, finestScale: -2)
            .Signed(18, 22, site.ImportW - site.ExportW)
            .Accumulator(38, CounterBaselineWh + site.ExportedWh)
            .Accumulator(46, CounterBaselineWh + site.ImportedWh)
            .Scale(54, 0));

    public static ushort[] Battery(SimulatedSiteReading site, SimulatedSiteOptions options, string serial, byte unit)
    {
        var chargeState = site.BatteryW > 0 ? ChargeDischarging : site.BatteryW < 0 ? ChargeCharging : ChargeHolding;
        return Chain(
            Common(serial, unit),
            new SunSpecModelWriter(802, BatteryLayout)
                .Unsigned(3, 53, options.BatteryCapacityWh)
                .Unsigned(54, 0, (4, options.MaxChargeW), (5, options.MaxDischargeW))
                .Unsigned(56, -1, (11, site.SocPct), (8, options.BatteryFloorPct))
                .Raw(16, chargeState)
                .Raw(21, LithiumIon)
                .Raw(22, BatteryConnected)
                .Signed(47, 63, site.BatteryW),
            new SunSpecModelWriter(124, StorageLayout)
                .Unsigned(2, 18, options.MaxChargeW)
                .Unsigned(7, 21, options.BatteryFloorPct)
                .Unsigned(8, 22, site.SocPct, finestScale: -1)
                .Raw(11, chargeState));
    }

    private static SunSpecModelWriter Common(string serial, byte unit) => new SunSpecModelWriter(1, CommonLayout)
        .Text(2, "BitGridAI", 16)
        .Text(18, "Simulator", 16)
        .Text(42, "1.0", 8)
        .Text(50, serial, 16)
        .Raw(66, unit);

    private static ushort[] Chain(params SunSpecModelWriter[] models)
    {
        var registers = new List<ushort> { 0x5375, 0x6E53 }; // "SunS"
        foreach (var model in models)
        {
            registers.AddRange(model.Registers);
        }
        registers.AddRange([0xFFFF, 0]); // end of the chain
        return [.. registers];
    }
}
