namespace BitGridAI.Domain.Signals;

/// <summary>
/// Fills an <see cref="EnergyState"/> reading by reading without copying it each time (replay ingests
/// millions of readings). The same rule as <see cref="EnergyState.With(Signal, double)"/>: implausible
/// values become missing and are listed as rejected.
/// </summary>
public struct EnergyStateBuilder
{
    private SignalValues _values;
    private SignalSet _known;
    private SignalSet _rejected;

    public void Set(Signal signal, double raw)
    {
        if (SignalInfo.IsPlausible(signal, raw))
        {
            _values[(int)signal] = raw;
            _known = _known.With(signal);
            _rejected = _rejected.Without(signal);
        }
        else
        {
            _known = _known.Without(signal);
            _rejected = _rejected.With(signal);
        }
    }

    public readonly EnergyState Build() => new(_values, _known, _rejected);
}
