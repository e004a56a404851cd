namespace BitGridAI.Domain.Signals;

/// <summary>
/// The units a reading may arrive in for each signal, and how each converts to the signal's own unit
/// (value in signal unit = value × Factor + Offset). Lets a user map a device that reports kW, °F or
/// €/kWh without working out a scale by hand.
/// </summary>
public static class SignalUnits
{
    private static readonly (string Unit, double Factor, double Offset)[] Power = [("W", 1, 0), ("kW", 1e3, 0), ("MW", 1e6, 0)];
    private static readonly (string Unit, double Factor, double Offset)[] Percent = [("%", 1, 0), ("fraction", 100, 0)];
    private static readonly (string Unit, double Factor, double Offset)[] Temperature = [("°C", 1, 0), ("C", 1, 0), ("K", 1, -273.15), ("°F", 5.0 / 9, -160.0 / 9), ("F", 5.0 / 9, -160.0 / 9)];
    private static readonly (string Unit, double Factor, double Offset)[] Age = [("s", 1, 0), ("ms", 1e-3, 0), ("min", 60, 0)];
    private static readonly (string Unit, double Factor, double Offset)[] Price = [("ct/kWh", 1, 0), ("EUR/kWh", 100, 0), ("€/kWh", 100, 0), ("EUR/MWh", 0.1, 0), ("€/MWh", 0.1, 0)];
    private static readonly (string Unit, double Factor, double Offset)[] ForecastPower = [("kW", 1, 0), ("W", 1e-3, 0), ("MW", 1e3, 0)];
    // Hashprice indices quote per PH/s; 1 BTC/PH/day = 1e8 sats / 1000 TH/s = 1e5 sats/TH/day.
    private static readonly (string Unit, double Factor, double Offset)[] Hashprice = [("sats/TH/day", 1, 0), ("sats/PH/day", 1e-3, 0), ("BTC/PH/day", 1e5, 0)];
    private static readonly (string Unit, double Factor, double Offset)[] BtcPrice = [("EUR", 1, 0), ("€", 1, 0), ("kEUR", 1e3, 0), ("k€", 1e3, 0)];

    /// <summary>The signal's own unit, the one the engine reasons in.</summary>
    public static string Unit(Signal signal) => Table(signal)[0].Unit;

    /// <summary>The units accepted for the signal, its own first.</summary>
    public static IEnumerable<string> Accepted(Signal signal) => Table(signal).Select(u => u.Unit);

    /// <summary>How a reading in <paramref name="unit"/> converts to the signal's unit; false when the unit does not fit the signal.</summary>
    public static bool TryConversion(Signal signal, string unit, out double factor, out double offset)
    {
        foreach (var (name, f, o) in Table(signal))
        {
            if (string.Equals(name, unit, StringComparison.Ordinal))
            {
                (factor, offset) = (f, o);
                return true;
            }
        }
        (factor, offset) = (double.NaN, double.NaN);
        return false;
    }

    private static (string Unit, double Factor, double Offset)[] Table(Signal signal) => signal switch
    {
        Signal.PvPowerW or Signal.HouseLoadW or Signal.GridImportW or Signal.GridExportW or Signal.BatteryPowerW or Signal.MinerPowerW => Power,
        Signal.BatterySocPct => Percent,
        Signal.MinerTempC => Temperature,
        Signal.MinerHeartbeatAgeSec => Age,
        Signal.EnergyPriceCtKwh => Price,
        Signal.PvForecastKw => ForecastPower,
        Signal.HashpriceSatsPerThDay => Hashprice,
        Signal.BtcPriceEur => BtcPrice,
        _ => throw new ArgumentOutOfRangeException(nameof(signal), signal, "not a signal"),
    };
}
