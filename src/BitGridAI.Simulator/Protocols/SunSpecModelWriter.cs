namespace BitGridAI.Simulator.Protocols;

/// <summary>
/// Builds one SunSpec model block (ID, L, then L registers) whose unset points carry the standard's
/// not-implemented markers, so a reader can tell "not measured" from zero. The layout has one character per
/// register after ID and L: <c>u</c> uint16 / <c>e</c> enum16 / <c>b</c> bitfield16 / <c>U</c> uint32 half /
/// <c>B</c> bitfield32 half (all 0xFFFF), <c>i</c> int16 / <c>s</c> scale factor / <c>p</c> pad (0x8000),
/// <c>a</c> acc32 half and <c>x</c> string (0). Offsets count from the ID register, as the SunSpec tables do.
/// </summary>
internal sealed class SunSpecModelWriter
{
    private readonly ushort[] _registers;

    public SunSpecModelWriter(ushort id, string layout)
    {
        _registers = new ushort[2 + layout.Length];
        _registers[0] = id;
        _registers[1] = (ushort)layout.Length;
        for (var i = 0; i < layout.Length; i++)
        {
            _registers[2 + i] = layout[i] switch
            {
                'u' or 'e' or 'b' or 'U' or 'B' => 0xFFFF,
                'i' or 's' or 'p' => 0x8000,
                'a' or 'x' => 0,
                _ => throw new ArgumentException($"unknown register type '{layout[i]}' in the layout of model {id}", nameof(layout)),
            };
        }
    }

    public ReadOnlySpan<ushort> Registers => _registers;

    public SunSpecModelWriter Raw(int offset, ushort value)
    {
        _registers[offset] = value;
        return this;
    }

    /// <summary>ASCII, two characters a register, NUL-padded.</summary>
    public SunSpecModelWriter Text(int offset, string value, int registers)
    {
        for (var i = 0; i < registers; i++)
        {
            var high = 2 * i < value.Length ? value[2 * i] : '\0';
            var low = (2 * i) + 1 < value.Length ? value[(2 * i) + 1] : '\0';
            _registers[offset + i] = (ushort)((high << 8) | (byte)low);
        }
        return this;
    }

    /// <summary>A signed value and its scale factor: the finest of <paramref name="finestScale"/> and up that still fits an int16.</summary>
    public SunSpecModelWriter Signed(int offset, int scaleOffset, double value, int finestScale = 0)
    {
        var scale = Fit(value, finestScale, short.MaxValue);
        _registers[offset] = (ushort)(short)Math.Round(value / Math.Pow(10, scale));
        _registers[scaleOffset] = (ushort)(short)scale;
        return this;
    }

    /// <summary>An unsigned value and its scale factor (0xFFFF stays reserved for "not implemented").</summary>
    public SunSpecModelWriter Unsigned(int offset, int scaleOffset, double value, int finestScale = 0) =>
        Unsigned(scaleOffset, finestScale, (offset, value));

    /// <summary>Unsigned values sharing one scale factor: the finest that fits all of them.</summary>
    public SunSpecModelWriter Unsigned(int scaleOffset, int finestScale, params (int Offset, double Value)[] points)
    {
        var scale = Fit(points.Max(p => Math.Max(0, p.Value)), finestScale, ushort.MaxValue - 1);
        foreach (var (offset, value) in points)
        {
            _registers[offset] = (ushort)Math.Round(Math.Max(0, value) / Math.Pow(10, scale));
        }
        _registers[scaleOffset] = (ushort)(short)scale;
        return this;
    }

    /// <summary>An acc32 energy counter in whole units, high word first; it wraps at 2^32 as a real counter does.</summary>
    public SunSpecModelWriter Accumulator(int offset, double value)
    {
        var raw = (uint)((ulong)Math.Max(0, Math.Round(value)) & 0xFFFF_FFFF);
        _registers[offset] = (ushort)(raw >> 16);
        _registers[offset + 1] = (ushort)raw;
        return this;
    }

    public SunSpecModelWriter Scale(int offset, short scale) => Raw(offset, (ushort)scale);

    private static int Fit(double value, int finestScale, int limit)
    {
        var scale = finestScale;
        while (Math.Abs(Math.Round(value / Math.Pow(10, scale))) > limit)
        {
            scale++;
        }
        return scale;
    }
}
