using System.Runtime.CompilerServices;

namespace BitGridAI.Domain.Signals;

/// <summary>One double per <see cref="Signal"/>, inline: an <see cref="EnergyState"/> lives on the stack.</summary>
[InlineArray((int)SignalInfo.Last + 1)]
internal struct SignalValues
{
    private double _element;
}
