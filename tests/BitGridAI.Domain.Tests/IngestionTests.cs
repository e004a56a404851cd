using BitGridAI.Domain.Decisions;
using BitGridAI.Domain.Signals;
using static BitGridAI.Domain.Tests.Site;

namespace BitGridAI.Domain.Tests;

/// <summary>RULES.md §1 "Implausible is missing": NaN, ±∞ and out-of-range readings are missing and reported as rejected.</summary>
public sealed class IngestionTests
{
    public static TheoryData<Signal, double> Implausible => new()
    {
        { Signal.PvPowerW, double.NaN },
        { Signal.PvPowerW, double.PositiveInfinity },
        { Signal.PvPowerW, -1 },
        { Signal.HouseLoadW, -0.1 },
        { Signal.GridImportW, double.NegativeInfinity },
        { Signal.GridExportW, -1 },
        { Signal.BatterySocPct, 140 },
        { Signal.BatterySocPct, 100.01 },
        { Signal.BatterySocPct, -1 },
        { Signal.BatteryPowerW, double.NaN },
        { Signal.MinerTempC, 151 },
        { Signal.MinerTempC, -40.1 },
        { Signal.MinerHeartbeatAgeSec, -1 },
        { Signal.MinerPowerW, -1 },
        { Signal.EnergyPriceCtKwh, double.PositiveInfinity },
        { Signal.PvForecastKw, double.NaN },
    };

    [Theory]
    [MemberData(nameof(Implausible))]
    public void TreatsAnImplausibleReadingAsMissingAndRejected(Signal signal, double raw)
    {
        var state = Sunny.Reading(signal, raw).State;

        Assert.Null(state[signal]);
        Assert.True(double.IsNaN(state.ValueOrNaN(signal)));
        Assert.True(state.Rejected.Contains(signal));
    }

    public static TheoryData<Signal, double> Plausible => new()
    {
        { Signal.PvPowerW, 0 },
        { Signal.BatterySocPct, 0 },
        { Signal.BatterySocPct, 100 },
        { Signal.BatteryPowerW, -5000 },
        { Signal.MinerTempC, 150 },
        { Signal.MinerTempC, -40 },
        { Signal.MinerHeartbeatAgeSec, 0 },
        { Signal.EnergyPriceCtKwh, -20 },
        { Signal.PvForecastKw, -3 },
    };

    [Theory]
    [MemberData(nameof(Plausible))]
    public void KeepsAPlausibleReadingAtTheEdgeOfItsRange(Signal signal, double raw)
    {
        var state = Sunny.Reading(signal, raw).State;

        Assert.Equal(raw, state[signal]);
        Assert.False(state.Rejected.Contains(signal));
    }

    [Fact]
    public void AnAbsentReadingIsMissingButNotRejected()
    {
        var state = Sunny.Pv(null).State;

        Assert.Null(state.PvPowerW);
        Assert.False(state.Rejected.Contains(Signal.PvPowerW));
    }

    [Fact]
    public void ALaterPlausibleReadingClearsTheRejection()
    {
        var state = Sunny.Soc(140).Soc(70).State;

        Assert.Equal(70, state.BatterySocPct);
        Assert.True(state.Rejected.IsEmpty);
    }

    [Fact]
    public void TheDecisionReportsEveryRejectedReading()
    {
        var decision = Sunny.Pv(-1).Soc(140).Temp(151).Price(double.NaN).Decide();

        Assert.Equal(SignalSet.Of(Signal.PvPowerW, Signal.BatterySocPct, Signal.MinerTempC, Signal.EnergyPriceCtKwh), decision.Rejected);
    }

    [Fact]
    public void AChipTemperatureOf151IsRejectedAndStopsAsUnknown()
    {
        var decision = Sunny.Temp(151).Decide();

        Assert.Equal(DecisionCode.STOP_R3_TEMP_UNKNOWN, decision.Code);
        Assert.True(decision.Rejected.Contains(Signal.MinerTempC));
    }

    [Fact]
    public void ARejectedRequiredSignalStopsForMissingData()
    {
        var decision = Sunny.Pv(double.NaN).Decide();

        Assert.Equal(DecisionCode.STOP_DQ_SIGNAL_MISSING, decision.Code);
        Assert.True(decision.Rejected.Contains(Signal.PvPowerW));
        Assert.True(decision.Missing.Contains(Signal.PvPowerW));
    }

    [Fact]
    public void ADefaultStateHasEverySignalMissing()
    {
        foreach (var signal in SignalInfo.All)
        {
            Assert.False(EnergyState.Empty.Has(signal));
        }
        Assert.Equal(DecisionCode.STOP_R3_TEMP_UNKNOWN, (Sunny with { State = EnergyState.Empty }).Decide().Code);
    }
}
