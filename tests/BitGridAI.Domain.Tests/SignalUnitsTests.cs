using BitGridAI.Domain.Signals;

namespace BitGridAI.Domain.Tests;

/// <summary>A reading in a device's own unit lands in the signal's unit.</summary>
public sealed class SignalUnitsTests
{
    [Theory]
    [InlineData(Signal.PvPowerW, "kW", 4.2, 4200)]
    [InlineData(Signal.GridImportW, "W", 350, 350)]
    [InlineData(Signal.MinerPowerW, "MW", 0.0016, 1600)]
    [InlineData(Signal.BatterySocPct, "fraction", 0.815, 81.5)]
    [InlineData(Signal.MinerTempC, "K", 350.15, 77)]
    [InlineData(Signal.MinerTempC, "°F", 185, 85)]
    [InlineData(Signal.MinerTempC, "F", 32, 0)]
    [InlineData(Signal.MinerHeartbeatAgeSec, "min", 2, 120)]
    [InlineData(Signal.MinerHeartbeatAgeSec, "ms", 1500, 1.5)]
    [InlineData(Signal.EnergyPriceCtKwh, "EUR/kWh", 0.254, 25.4)]
    [InlineData(Signal.EnergyPriceCtKwh, "€/MWh", 120, 12)]
    [InlineData(Signal.PvForecastKw, "W", 2500, 2.5)]
    [InlineData(Signal.HashpriceSatsPerThDay, "sats/PH/day", 48_000, 48)]
    [InlineData(Signal.HashpriceSatsPerThDay, "BTC/PH/day", 0.00048, 48)]
    [InlineData(Signal.BtcPriceEur, "kEUR", 90, 90_000)]
    public void AReadingConvertsToTheSignalsUnit(Signal signal, string unit, double reading, double expected)
    {
        Assert.True(SignalUnits.TryConversion(signal, unit, out var factor, out var offset));
        Assert.Equal(expected, (reading * factor) + offset, 9);
    }

    [Theory]
    [InlineData(Signal.PvPowerW, "kWh")] // energy is not power
    [InlineData(Signal.BatterySocPct, "W")]
    [InlineData(Signal.MinerTempC, "c")] // units are case-sensitive: "c" is nothing
    [InlineData(Signal.EnergyPriceCtKwh, "kW")]
    public void AUnitThatDoesNotFitTheSignalIsRefused(Signal signal, string unit) =>
        Assert.False(SignalUnits.TryConversion(signal, unit, out _, out _));

    [Fact]
    public void EverySignalListsItsOwnUnitFirstAndItConvertsUnchanged()
    {
        foreach (var signal in SignalInfo.All)
        {
            var own = SignalUnits.Unit(signal);
            Assert.Equal(own, SignalUnits.Accepted(signal).First());
            Assert.True(SignalUnits.TryConversion(signal, own, out var factor, out var offset));
            Assert.Equal((1.0, 0.0), (factor, offset));
            Assert.EndsWith(own switch { "°C" => "_c", "%" => "_pct", "s" => "_sec", "ct/kWh" => "_ct_kwh", "kW" => "_kw", "sats/TH/day" => "_sats_th_day", "EUR" => "_eur", _ => "_w" }, SignalInfo.Name(signal), StringComparison.Ordinal);
        }
    }
}
