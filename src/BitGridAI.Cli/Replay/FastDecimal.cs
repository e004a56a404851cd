using System.Buffers.Text;

namespace BitGridAI.Cli.Replay;

/// <summary>
/// Parses the plain decimals a CSV is made of (<c>-12.345</c>) without the general parser. With at
/// most 15 significant digits both the digits and the power of ten are exact doubles, so one IEEE
/// division gives the correctly rounded result; anything else (exponents, long digit strings) goes to
/// <see cref="Utf8Parser"/>.
/// </summary>
internal static class FastDecimal
{
    private const int MaxExactDigits = 15;

    private static readonly double[] PowersOfTen = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

    public static bool TryParse(ReadOnlySpan<byte> text, out double value)
    {
        var i = 0;
        var negative = false;
        if (text.Length > 0 && (text[0] == (byte)'-' || text[0] == (byte)'+'))
        {
            negative = text[0] == (byte)'-';
            i = 1;
        }
        long digits = 0;
        var count = 0;
        var fraction = -1;
        var sawDigit = false;
        for (; i < text.Length; i++)
        {
            var c = text[i];
            if (c == (byte)'.' && fraction < 0)
            {
                fraction = 0;
                continue;
            }
            var d = c - (byte)'0';
            if ((uint)d > 9 || count >= MaxExactDigits)
            {
                return Fallback(text, out value);
            }
            sawDigit = true;
            if (digits != 0 || d != 0)
            {
                count++;
            }
            digits = (digits * 10) + d;
            if (fraction >= 0)
            {
                fraction++;
            }
        }
        if (!sawDigit || fraction > MaxExactDigits)
        {
            return Fallback(text, out value);
        }
        value = fraction > 0 ? digits / PowersOfTen[fraction] : digits;
        if (negative)
        {
            value = -value;
        }
        return true;
    }

    private static bool Fallback(ReadOnlySpan<byte> text, out double value) =>
        Utf8Parser.TryParse(text, out value, out var consumed) && consumed == text.Length;
}
