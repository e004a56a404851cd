using BitGridAI.Domain.Decisions;
using BitGridAI.Domain.Signals;
using static BitGridAI.Domain.Decisions.DecisionCode;
using static BitGridAI.Domain.Tests.Site;

namespace BitGridAI.Domain.Tests.Rules;

/// <summary>
/// RULES.md §2 v3 step 3, data quality, and §1 "Missing is not zero" / "Derived house load". With
/// data_fail_safe hold only PV or house load may be missing; the battery and grid checks still run.
/// </summary>
public sealed class DataQualityTests
{
    /// <summary>House load not measured; PV 5 kW, no grid exchange, battery idle: derived house load 5 kW minus the miner.</summary>
    private static readonly Site Unmetered = Sunny.HouseLoad(null);

    public static TheoryData<Case> Rows => new()
    {
        new("PV missing", Sunny.Pv(null), STOP_DQ_SIGNAL_MISSING),
        new("grid import missing", Sunny.GridImport(null), STOP_DQ_SIGNAL_MISSING),
        new("SoC missing", Sunny.Soc(null), STOP_DQ_SIGNAL_MISSING),
        new("house load missing and not derivable (battery power missing)", Unmetered.BatteryPower(null), STOP_DQ_SIGNAL_MISSING),
        new("PV missing, data_fail_safe hold", Sunny.Pv(null).FailSafe(DataFailSafe.Hold), NOOP_DQ_SIGNAL_MISSING),
        new("v3: grid import missing, data_fail_safe hold: never held", Sunny.Running().GridImport(null).FailSafe(DataFailSafe.Hold), STOP_DQ_SIGNAL_MISSING),
        new("v3: SoC missing, data_fail_safe hold: never held", Sunny.Running().Soc(null).FailSafe(DataFailSafe.Hold), STOP_DQ_SIGNAL_MISSING),
        new("v3: SoC implausible, data_fail_safe hold: never held", Sunny.Throttled().Soc(140).FailSafe(DataFailSafe.Hold), STOP_DQ_SIGNAL_MISSING),
        new("v3: PV missing, hold, SoC at the hard minimum: the check still runs", Sunny.Running().Pv(null).Soc(50).FailSafe(DataFailSafe.Hold), STOP_R2_SOC_HARD_MIN),
        new("v3: PV missing, hold, grid limit exceeded: the check still runs", Sunny.Running().Pv(null).GridImport(501).FailSafe(DataFailSafe.Hold), STOP_R2_GRID_IMPORT_EXCEEDED),
        new("v3: house load missing, hold, soc_band below the reserve: the check still runs", Unmetered.BatteryPower(null).SocBand().Running().Soc(49).FailSafe(DataFailSafe.Hold), STOP_R1_SOC_RESERVE_STOP),
        new("v3: PV missing, hold, SoC in the soft band: no soft band, only the hold", Sunny.Running().Pv(null).Soc(55).FailSafe(DataFailSafe.Hold), NOOP_DQ_SIGNAL_MISSING),
        new("v3: PV missing, hold, SEMI: the hold as in FULL", Sunny.Semi().Running().Pv(null).FailSafe(DataFailSafe.Hold), NOOP_DQ_SIGNAL_MISSING),
        new("v3: PV missing, hold, SoC just above the hard minimum and import at the limit", Sunny.Running().Pv(null).Soc(50.01).GridImport(500).FailSafe(DataFailSafe.Hold), NOOP_DQ_SIGNAL_MISSING),
        new("v3: PV missing, stop, SEMI: stops", Sunny.Semi().Running().Pv(null), STOP_DQ_SIGNAL_MISSING),
        new("house load not derivable, data_fail_safe hold", Unmetered.GridExport(null).FailSafe(DataFailSafe.Hold), NOOP_DQ_SIGNAL_MISSING),
        new("data_fail_safe not configured behaves as stop", Sunny.Pv(null).FailSafe(DataFailSafe.Unknown), STOP_DQ_SIGNAL_MISSING),
        new("missing data beats the hard minimum", Sunny.Pv(null).Soc(40), STOP_DQ_SIGNAL_MISSING),
        new("missing data is protective: R5 does not hold it back", Sunny.Running().BlocksSinceChange(0).Pv(null), STOP_DQ_SIGNAL_MISSING),
        new("PV NaN is missing", Sunny.Pv(double.NaN), STOP_DQ_SIGNAL_MISSING),
        new("negative PV is implausible and so missing", Sunny.Pv(-1), STOP_DQ_SIGNAL_MISSING),
        new("SoC 140 % is implausible and so missing", Sunny.Soc(140), STOP_DQ_SIGNAL_MISSING),
        new("grid import +∞ is missing", Sunny.GridImport(double.PositiveInfinity), STOP_DQ_SIGNAL_MISSING),

        new("optional grid export missing", Sunny.GridExport(null), START_R1_SURPLUS_OK),
        new("optional battery power missing with house load measured", Sunny.BatteryPower(null), START_R1_SURPLUS_OK),
        new("optional price missing", Sunny.Price(null), START_R1_SURPLUS_OK),
        new("optional forecast missing", Sunny.Forecast(null), START_R1_SURPLUS_OK),
        new("a measured PV of 0 W is a reading, not missing", Sunny.Pv(0).HouseLoad(0), NOOP_R1_INSUFFICIENT_SURPLUS),
        new("a measured SoC of 0 % is a reading: the hard minimum stops", Sunny.Running().Soc(0), STOP_R2_SOC_HARD_MIN),
        new("a heartbeat age of 0.0 s is fresh", Sunny.Heartbeat(0.0), START_R1_SURPLUS_OK),

        new("derived house load, stopped miner: 5 kW leaves no surplus", Unmetered.Stopped().MinerPower(3000), NOOP_R1_INSUFFICIENT_SURPLUS),
        new("derived house load, running miner drawing 3 kW: 2 kW house, 3 kW surplus", Unmetered.Running().MinerPower(3000), START_R1_SURPLUS_OK),
        new("derived house load, running miner without miner power", Unmetered.Running(), STOP_DQ_SIGNAL_MISSING),
        new("derived house load, throttled miner without miner power", Unmetered.Throttled(), STOP_DQ_SIGNAL_MISSING),
        new("derived house load, unknown actuator with miner power 3 kW", Unmetered.Actuator(ActuatorState.Unknown).MinerPower(3000), START_R1_SURPLUS_OK),
        new("derived house load, unknown actuator without miner power counts 0", Unmetered.Actuator(ActuatorState.Unknown), NOOP_R1_INSUFFICIENT_SURPLUS),
        new("house load not derivable: grid export missing", Unmetered.GridExport(null), STOP_DQ_SIGNAL_MISSING),
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void StopsOrHoldsOnMissingDataAsRulesMdSays(Case row) => row.AssertDecides();

    public static TheoryData<string, Site, double> DerivedHouseLoads => new()
    {
        { "stopped: pv + import + battery − export, miner power ignored", Unmetered.Stopped().Pv(4000).GridImport(300).BatteryPower(200).GridExport(100).MinerPower(2500), 4400 },
        { "running: the measured miner draw is subtracted", Unmetered.Running().Pv(4000).GridImport(300).BatteryPower(200).GridExport(100).MinerPower(2500), 1900 },
        { "throttled: the measured miner draw is subtracted", Unmetered.Throttled().Pv(4000).MinerPower(1000), 3000 },
        { "unknown actuator: the measured miner draw is subtracted", Unmetered.Actuator(ActuatorState.Unknown).Pv(4000).MinerPower(1000), 3000 },
        { "unknown actuator without a measurement: nothing subtracted", Unmetered.Actuator(ActuatorState.Unknown).Pv(4000), 4000 },
        { "a charging battery lowers the house load", Unmetered.Pv(4000).BatteryPower(-1500), 2500 },
        { "never below 0 W", Unmetered.Pv(0).BatteryPower(-500), 0 },
        { "an implausible house load is derived instead", Sunny.HouseLoad(-5).Pv(4000), 4000 },
    };

    [Theory]
    [MemberData(nameof(DerivedHouseLoads))]
    public void DerivesTheHouseLoadFromTheEnergyBalance(string description, Site site, double expectedW)
    {
        var decision = site.Decide();

        Assert.True(decision.HouseLoadDerived, description);
        Assert.Equal(expectedW, decision.HouseLoadW);
    }

    [Fact]
    public void UsesAMeasuredHouseLoadEvenWhenTheBalanceCouldBeComputed()
    {
        var decision = Sunny.HouseLoad(1200).Running().MinerPower(3000).Decide();

        Assert.False(decision.HouseLoadDerived);
        Assert.Equal(1200, decision.HouseLoadW);
    }

    [Fact]
    public void ListsAHouseLoadThatCannotBeDerivedAsMissing()
    {
        var decision = Unmetered.Running().Decide();

        Assert.True(double.IsNaN(decision.HouseLoadW));
        Assert.True(decision.Missing.Contains(Signal.HouseLoadW));
        Assert.False(decision.Missing.Contains(Signal.PvPowerW));
    }

    [Fact]
    public void AHoldSaysWhetherTheMinerKeepsRunning()
    {
        var hold = Sunny.Pv(null).FailSafe(DataFailSafe.Hold);

        Assert.EndsWith("; the miner keeps running at full power.", hold.Running().Decide().Explanation);
        Assert.EndsWith("; the miner stays stopped.", hold.Stopped().Decide().Explanation);
    }

    [Fact]
    public void ListsEveryMissingSiteSignal()
    {
        var decision = Sunny.Pv(null).Soc(null).Decide();

        Assert.Equal(SignalSet.Of(Signal.PvPowerW, Signal.BatterySocPct), decision.Missing);
    }
}
