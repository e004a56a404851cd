namespace BitGridAI.Domain.Signals;

/// <summary>Names and plausible ranges of the signals (RULES.md §1).</summary>
public static class SignalInfo
{
    /// <summary>The decision engine's inputs, in the order of RULES.md §1.</summary>
    public static IReadOnlyList<Signal> EngineInputs { get; } =
    [
        Signal.PvPowerW, Signal.HouseLoadW, Signal.GridImportW, Signal.GridExportW,
        Signal.BatterySocPct, Signal.BatteryPowerW, Signal.MinerTempC, Signal.MinerHeartbeatAgeSec,
        Signal.MinerPowerW, Signal.EnergyPriceCtKwh, Signal.PvForecastKw,
    ];

    /// <summary>
    /// The market prices the energy-path economics read (docs/energy-path.md). They travel like any reading — pushed
    /// over MQTT, checked, carried, recorded with a decision's inputs — but no engine rule looks at them.
    /// </summary>
    public static IReadOnlyList<Signal> MarketPrices { get; } = [Signal.HashpriceSatsPerThDay, Signal.BtcPriceEur];

    /// <summary>Every signal: the engine's inputs in the order of RULES.md §1, then the market prices.</summary>
    public static IReadOnlyList<Signal> All { get; } = [.. EngineInputs, .. MarketPrices];

    /// <summary>The highest signal number, for tables indexed by signal.</summary>
    public const Signal Last = Signal.BtcPriceEur;

    /// <summary>Whether the number is a signal at all (not <see cref="Signal.Unknown"/>, not beyond <see cref="Last"/>).</summary>
    public static bool IsDefined(Signal signal) => signal is > Signal.Unknown and <= Last;

    /// <summary>The snake_case name used in JSON, CSV and explanations.</summary>
    public static string Name(Signal signal) => signal switch
    {
        Signal.PvPowerW => "pv_power_w",
        Signal.HouseLoadW => "house_load_w",
        Signal.GridImportW => "grid_import_w",
        Signal.GridExportW => "grid_export_w",
        Signal.BatterySocPct => "battery_soc_pct",
        Signal.BatteryPowerW => "battery_power_w",
        Signal.MinerTempC => "miner_temp_c",
        Signal.MinerHeartbeatAgeSec => "miner_heartbeat_age_sec",
        Signal.MinerPowerW => "miner_power_w",
        Signal.EnergyPriceCtKwh => "energy_price_ct_kwh",
        Signal.PvForecastKw => "pv_forecast_kw",
        Signal.HashpriceSatsPerThDay => "hashprice_sats_th_day",
        Signal.BtcPriceEur => "btc_price_eur",
        _ => throw new ArgumentOutOfRangeException(nameof(signal), signal, "not a signal"),
    };

    public static bool TryParse(ReadOnlySpan<char> name, out Signal signal)
    {
        foreach (var candidate in All)
        {
            if (name.SequenceEqual(Name(candidate)))
            {
                signal = candidate;
                return true;
            }
        }
        signal = Signal.Unknown;
        return false;
    }

    /// <summary>Lowest plausible value; below it a reading is rejected as missing.</summary>
    public static double Min(Signal signal) => signal switch
    {
        Signal.MinerTempC => -40,
        Signal.BatteryPowerW or Signal.EnergyPriceCtKwh or Signal.PvForecastKw => double.NegativeInfinity,
        // No coin trades below a euro any more; a 0 or a tiny number is a feed's error, not a price.
        Signal.BtcPriceEur => 1,
        _ => 0,
    };

    /// <summary>Highest plausible value; above it a reading is rejected as missing.</summary>
    public static double Max(Signal signal) => signal switch
    {
        Signal.BatterySocPct => 100,
        Signal.MinerTempC => 150,
        // A million sats per TH/s and day, a billion € per BTC: orders of magnitude beyond any market, so only a
        // feed's unit or scale error is refused (the same limits as the site config's).
        Signal.HashpriceSatsPerThDay => 1e6,
        Signal.BtcPriceEur => 1e9,
        _ => double.PositiveInfinity,
    };

    /// <summary>NaN, ±∞ and anything outside [Min, Max] is implausible.</summary>
    public static bool IsPlausible(Signal signal, double value) =>
        double.IsFinite(value) && value >= Min(signal) && value <= Max(signal);

    /// <summary>The allowed range as a person reads it, for error messages.</summary>
    public static string RangeText(Signal signal) => (Min(signal), Max(signal)) switch
    {
        (double.NegativeInfinity, double.PositiveInfinity) => "any finite number",
        (var min, double.PositiveInfinity) => $"≥ {min}",
        var (min, max) => $"{min} to {max}",
    };
}
