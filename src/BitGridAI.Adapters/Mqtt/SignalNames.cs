using System.Text;
using BitGridAI.Domain.Signals;

namespace BitGridAI.Adapters.Mqtt;

/// <summary>Signal names as UTF-8, indexed by the signal's number, so JSON keys are compared without decoding them.</summary>
internal static class SignalNames
{
    private static readonly byte[][] Names = Build();

    public static ReadOnlySpan<byte> Utf8(Signal signal) => Names[(int)signal];

    private static byte[][] Build()
    {
        var names = new byte[SignalInfo.All.Max(s => (int)s) + 1][];
        Array.Fill(names, []);
        foreach (var signal in SignalInfo.All)
        {
            names[(int)signal] = Encoding.UTF8.GetBytes(SignalInfo.Name(signal));
        }
        return names;
    }
}
