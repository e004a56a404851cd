namespace BitGridAI.Domain.Signals;

/// <summary>A set of <see cref="Signal"/>s as a bit mask: allocation-free to build and to test.</summary>
public readonly record struct SignalSet(ushort Bits)
{
    public static SignalSet Empty => default;

    public bool IsEmpty => Bits == 0;

    public bool Contains(Signal signal) => (Bits & Bit(signal)) != 0;

    public SignalSet With(Signal signal) => new((ushort)(Bits | Bit(signal)));

    public SignalSet Without(Signal signal) => new((ushort)(Bits & ~Bit(signal)));

    public static SignalSet Of(params ReadOnlySpan<Signal> signals)
    {
        var set = Empty;
        foreach (var signal in signals)
        {
            set = set.With(signal);
        }
        return set;
    }

    /// <summary>The members in <see cref="Signal"/> order.</summary>
    public IEnumerable<Signal> Members()
    {
        foreach (var signal in SignalInfo.All)
        {
            if (Contains(signal))
            {
                yield return signal;
            }
        }
    }

    private static int Bit(Signal signal) => 1 << (int)signal;
}
