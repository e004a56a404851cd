using System.Runtime.CompilerServices;

namespace BitGridAI.Domain.Signals;

/// <summary>
/// One set of readings for one evaluation, in SI units (RULES.md §1). Missing is not zero:
/// <c>default(EnergyState)</c> has every signal missing, and a reading that is NaN, infinite or
/// out of range is stored as missing and remembered in <see cref="Rejected"/>.
/// </summary>
public readonly struct EnergyState
{
    private readonly SignalValues _values;

    internal EnergyState(SignalValues values, SignalSet known, SignalSet rejected)
    {
        _values = values;
        Known = known;
        Rejected = rejected;
    }

    /// <summary>Signals with a plausible value.</summary>
    public SignalSet Known { get; }

    /// <summary>Signals whose reading was implausible and is therefore treated as missing.</summary>
    public SignalSet Rejected { get; }

    public static EnergyState Empty => default;

    /// <summary>The value, or null when missing.</summary>
    public double? this[Signal signal] => Known.Contains(signal) ? _values[(int)signal] : null;

    public bool Has(Signal signal) => Known.Contains(signal);

    /// <summary>The value, or NaN when missing: the engine's allocation-free accessor.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double ValueOrNaN(Signal signal) => Known.Contains(signal) ? _values[(int)signal] : double.NaN;

    /// <summary>Ingests a raw reading: plausible values are kept, anything else becomes missing and is listed as rejected.</summary>
    public EnergyState With(Signal signal, double raw)
    {
        if (!SignalInfo.IsPlausible(signal, raw))
        {
            return new EnergyState(_values, Known.Without(signal), Rejected.With(signal));
        }
        var values = _values;
        values[(int)signal] = raw;
        return new EnergyState(values, Known.With(signal), Rejected.Without(signal));
    }

    /// <summary>Ingests an optional reading: null leaves the signal missing.</summary>
    public EnergyState With(Signal signal, double? raw) => raw is { } value ? With(signal, value) : Without(signal);

    /// <summary>Marks the signal as missing (absent, not rejected).</summary>
    public EnergyState Without(Signal signal) => new(_values, Known.Without(signal), Rejected.Without(signal));

    public double? PvPowerW => this[Signal.PvPowerW];
    public double? HouseLoadW => this[Signal.HouseLoadW];
    public double? GridImportW => this[Signal.GridImportW];
    public double? GridExportW => this[Signal.GridExportW];
    public double? BatterySocPct => this[Signal.BatterySocPct];
    public double? BatteryPowerW => this[Signal.BatteryPowerW];
    public double? MinerTempC => this[Signal.MinerTempC];
    public double? MinerHeartbeatAgeSec => this[Signal.MinerHeartbeatAgeSec];
    public double? MinerPowerW => this[Signal.MinerPowerW];
    public double? EnergyPriceCtKwh => this[Signal.EnergyPriceCtKwh];
    public double? PvForecastKw => this[Signal.PvForecastKw];
    public double? HashpriceSatsPerThDay => this[Signal.HashpriceSatsPerThDay];
    public double? BtcPriceEur => this[Signal.BtcPriceEur];
}
