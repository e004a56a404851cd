using BitGridAI.Domain.Physics;
using CsCheck;

namespace BitGridAI.Domain.Tests.Physics;

/// <summary>The battery that the simulated site and <c>bitgrid synth</c> share: it keeps energy and its limits.</summary>
public sealed class HomeBatteryTests
{
    private static readonly HomeBattery Battery = new(CapacityWh: 10_000, MaxChargeW: 3_500, MaxDischargeW: 3_000, ChargeEfficiency: 0.95, FloorPct: 8);
    private const double BlockHours = 1.0 / 6;

    public static TheoryData<double, double, bool, double, double, double, double> Steps => new()
    {
        // soc %, net W, can discharge → battery W (+ = discharge), import W, export W, soc % after
        { 50, 2_000, true, -2_000, 0, 0, 53.1667 },
        { 50, 5_000, true, -3_500, 0, 1_500, 55.5417 },
        { 100, 2_000, true, 0, 0, 2_000, 100 },
        { 50, -1_000, true, 1_000, 0, 0, 48.3333 },
        { 50, -4_000, true, 3_000, 1_000, 0, 45 },
        { 8, -1_000, true, 0, 1_000, 0, 8 },
        { 50, -1_000, false, 0, 1_000, 0, 50 },
        { 50, 0, true, 0, 0, 0, 50 },
    };

    [Theory]
    [MemberData(nameof(Steps))]
    public void ChargesFromSurplusCoversDeficitAndLeavesTheRestToTheGrid(double soc, double netW, bool canDischarge,
        double batteryW, double importW, double exportW, double socAfter)
    {
        var flow = Battery.Step(soc, netW, BlockHours, canDischarge);

        Assert.Equal(batteryW, flow.BatteryW, 3);
        Assert.Equal(importW, flow.ImportW, 3);
        Assert.Equal(exportW, flow.ExportW, 3);
        Assert.Equal(socAfter, flow.SocPct, 3);
    }

    [Fact]
    public void NeverLeavesItsRangeAndPowerAlwaysBalances()
    {
        Gen.Select(Gen.Double[0, 100], Gen.Double[-20_000, 20_000], Gen.Bool).Sample((soc, netW, canDischarge) =>
        {
            var flow = Battery.Step(soc, netW, BlockHours, canDischarge);
            var belowFloorAndDischarged = flow.SocPct < Math.Min(soc, Battery.FloorPct) - 1e-9;
            var balanced = Math.Abs(netW + flow.BatteryW + flow.ImportW - flow.ExportW) < 1e-6;
            return flow.SocPct is >= 0 and <= 100 && !belowFloorAndDischarged && balanced
                && flow.ImportW >= 0 && flow.ExportW >= 0
                && flow.BatteryW <= Battery.MaxDischargeW && -flow.BatteryW <= Battery.MaxChargeW;
        });
    }
}
