using System.Text;
using CsCheck;

namespace BitGridAI.Adapters.Tests;

/// <summary>
/// Inputs a broken or hostile device might send: random bytes, and valid samples mutated — bytes flipped,
/// cut short, stretches repeated, values swapped for other types, huge or non-finite numbers, deep nesting.
/// </summary>
internal static class Mutations
{
    private static readonly string[] Replacements =
    [
        "1e999", "-1e999", "1e308", "NaN", "inf", "-inf", "nan", "\"x\"", "\"4200\"", "true", "null", "[]", "{}", "[1,2]",
        "123456789012345678901234567890", "-0", "\"\\ud800\"", "\"\\u0000\"", "}{", ",", "\0", "\"", ":", "]",
        new string('[', 3000), new string('{', 500) + "\"a\":" , "{\"STATUS\":7}", "{\"STATUS\":[{\"STATUS\":1,\"Msg\":[]}]}",
        "\u00ff\u00fe", "\"ts\":\"2026-06-21T12:00:00\"", "\"ts\":1e300",
    ];

    /// <summary>Random bytes, or one of <paramref name="valid"/> changed by up to five mutations.</summary>
    public static Gen<byte[]> Of(params string[] valid)
    {
        var samples = valid.Select(Encoding.UTF8.GetBytes).ToArray();
        var mutation = Gen.Select(Gen.Int[0, 5], Gen.Int[0, 1 << 20], Gen.Int[0, Replacements.Length - 1]);
        var mutated = Gen.Select(Gen.Int[0, samples.Length - 1], mutation.Array[0, 5], (i, ops) => ops.Aggregate(samples[i], Apply));
        return Gen.Frequency((1, Gen.Byte.Array[0, 300]), (4, mutated));
    }

    private static byte[] Apply(byte[] input, (int Op, int At, int With) m)
    {
        var at = input.Length == 0 ? 0 : m.At % (input.Length + 1);
        var with = Encoding.UTF8.GetBytes(Replacements[m.With]);
        return m.Op switch
        {
            0 when input.Length > 0 => Flip(input, at % input.Length, m.With),
            1 => input[..at],
            2 => [.. input[..at], .. input[at..], .. input[at..]],
            3 => [.. input[..at], .. with, .. input[at..]],
            4 => [.. input[..at], .. with, .. input[Math.Min(input.Length, at + 1 + (m.With % 6))..]],
            _ => Encoding.UTF8.GetBytes(new string('[', 40 * (1 + m.With)) + Encoding.UTF8.GetString(input) + new string(']', 40 * (1 + m.With))),
        };
    }

    private static byte[] Flip(byte[] input, int at, int bit)
    {
        var copy = (byte[])input.Clone();
        copy[at] ^= (byte)(1 << (bit % 8));
        return copy;
    }
}
