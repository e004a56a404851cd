namespace BitGridAI.Adapters.SunSpec;

/// <summary>
/// Decoding SunSpec points: value = raw × 10^SF with a signed 16-bit scale factor, and the
/// not-implemented markers (int16 0x8000, uint16 0xFFFF, acc32 0, uint32 0xFFFFFFFF) read as missing.
/// </summary>
public static class SunSpecValues
{
    public static double? ScaledSigned(ushort raw, ushort scaleFactor) =>
        raw == 0x8000 || !ScaleOk(scaleFactor) ? null : (short)raw * Math.Pow(10, (short)scaleFactor);

    public static double? ScaledUnsigned(ushort raw, ushort scaleFactor) =>
        raw == 0xFFFF || !ScaleOk(scaleFactor) ? null : raw * Math.Pow(10, (short)scaleFactor);

    /// <summary>An energy accumulator, high word first; 0 means not implemented.</summary>
    public static double? Accumulator(ushort high, ushort low, ushort scaleFactor)
    {
        var raw = ((uint)high << 16) | low;
        return raw == 0 || !ScaleOk(scaleFactor) ? null : raw * Math.Pow(10, (short)scaleFactor);
    }

    /// <summary>A float32 point; NaN is "not implemented", and ±∞ is no reading either (no meter measures infinite power).</summary>
    public static double? FloatingPoint(ushort high, ushort low)
    {
        var value = BitConverter.Int32BitsToSingle((int)(((uint)high << 16) | low));
        return float.IsFinite(value) ? value : null;
    }

    /// <summary>A string of registers, two ASCII characters each, NUL-padded; all zero means not implemented.</summary>
    public static string? Text(ReadOnlySpan<ushort> registers)
    {
        var chars = new char[registers.Length * 2];
        for (var i = 0; i < registers.Length; i++)
        {
            chars[2 * i] = (char)(registers[i] >> 8);
            chars[(2 * i) + 1] = (char)(registers[i] & 0xFF);
        }
        var text = new string(chars).TrimEnd('\0', ' ');
        return text.Length == 0 ? null : text;
    }

    /// <summary>A scale factor is itself "not implemented" at 0x8000; sane ones lie within ±10.</summary>
    private static bool ScaleOk(ushort scaleFactor) => scaleFactor != 0x8000 && (short)scaleFactor is >= -10 and <= 10;
}
