using System.Buffers.Text;
using System.Text;
using BitGridAI.Cli.Text;
using BitGridAI.Domain.Signals;

namespace BitGridAI.Cli.Replay;

/// <summary>
/// Reads the replay CSV of RULES.md §7 straight from UTF-8 bytes: <c>#</c> comments, an optional header
/// naming the columns, otherwise the fixed column order. An empty cell is missing; NaN and ±∞ are
/// read and then rejected as implausible like any out-of-range value.
/// </summary>
internal sealed class SeriesCsvReader
{
    /// <summary>Time 0 of <c>offset_min</c>.</summary>
    public static readonly DateTimeOffset OffsetEpoch = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private const int Ignored = -1;
    private const int OffsetMinColumn = -2;
    private const int TimestampColumn = -3;
    private const int RequiredPositionalColumns = 7;
    /// <summary>About 1900 years either side of the epoch: far beyond any series, well inside DateTimeOffset.</summary>
    private const double MaxOffsetMin = 1_000_000_000;

    private static readonly int[] PositionalLayout =
    [
        OffsetMinColumn, (int)Signal.PvPowerW, (int)Signal.HouseLoadW, (int)Signal.GridImportW, (int)Signal.BatterySocPct,
        (int)Signal.MinerTempC, (int)Signal.MinerHeartbeatAgeSec, (int)Signal.EnergyPriceCtKwh, (int)Signal.PvForecastKw,
        (int)Signal.GridExportW, (int)Signal.MinerPowerW,
    ];

    private readonly ReadOnlyMemory<byte> _data;
    private int _position;
    private int _line;
    private int[]? _layout;
    private int _requiredColumns;
    private int _timeIndex;

    public SeriesCsvReader(ReadOnlyMemory<byte> data)
    {
        _data = data;
        if (data.Span.StartsWith(Encoding.UTF8.Preamble))
        {
            _position = Encoding.UTF8.Preamble.Length;
        }
    }

    /// <summary>Header columns that name nothing the engine reads.</summary>
    public List<string> IgnoredColumns { get; } = [];

    /// <summary>Reads the next row; false at the end. A malformed row throws <see cref="BadRowException"/> and is consumed.</summary>
    public bool TryRead(out SeriesRow row)
    {
        var span = _data.Span;
        while (_position < span.Length)
        {
            var rest = span[_position..];
            var end = rest.IndexOf((byte)'\n');
            var line = end < 0 ? rest : rest[..end];
            _position += end < 0 ? rest.Length : end + 1;
            _line++;
            if (line.Length > 0 && line[^1] == (byte)'\r')
            {
                line = line[..^1];
            }
            if (line.Trim((byte)' ').IsEmpty || line[0] == (byte)'#')
            {
                continue;
            }
            if (_layout is null && IsHeader(line))
            {
                _layout = ReadHeader(line);
                _requiredColumns = 1;
                continue;
            }
            if (_layout is null)
            {
                _layout = PositionalLayout;
                _requiredColumns = RequiredPositionalColumns;
            }
            row = ReadRow(line);
            return true;
        }
        row = default;
        return false;
    }

    private static bool IsHeader(ReadOnlySpan<byte> line)
    {
        var comma = line.IndexOf((byte)',');
        var first = (comma < 0 ? line : line[..comma]).Trim((byte)' ');
        return !first.IsEmpty && !Utf8Parser.TryParse(first, out double _, out _);
    }

    private int[] ReadHeader(ReadOnlySpan<byte> line)
    {
        var names = Encoding.UTF8.GetString(line).Split(',').Select(n => n.Trim()).ToArray();
        var layout = new int[names.Length];
        for (var i = 0; i < names.Length; i++)
        {
            var name = names[i];
            layout[i] = name switch
            {
                "offset_min" => OffsetMinColumn,
                "timestamp" => TimestampColumn,
                _ when SignalInfo.TryParse(name, out var signal) => (int)signal,
                _ => Ignored,
            };
            if (layout[i] == Ignored)
            {
                IgnoredColumns.Add(name);
            }
            else if (Array.IndexOf(layout, layout[i], 0, i) >= 0)
            {
                throw new CliInputException($"line {_line}, column {i + 1}: column '{name}' appears twice in the header");
            }
        }
        var timeColumns = layout.Count(c => c is OffsetMinColumn or TimestampColumn);
        if (timeColumns != 1)
        {
            throw new CliInputException($"line {_line}: the header needs exactly one of the columns 'timestamp' or 'offset_min'");
        }
        _timeIndex = Array.FindIndex(layout, c => c is OffsetMinColumn or TimestampColumn);
        return layout;
    }

    private SeriesRow ReadRow(ReadOnlySpan<byte> line)
    {
        var builder = new EnergyStateBuilder();
        DateTimeOffset? time = null;
        var column = 0;
        var layout = _layout!;
        while (true)
        {
            var comma = line.IndexOf((byte)',');
            var cell = (comma < 0 ? line : line[..comma]).Trim((byte)' ');
            if (column < layout.Length)
            {
                var role = layout[column];
                if (role == OffsetMinColumn)
                {
                    time = OffsetTime(Number(cell, column) ?? throw Bad(column, "the time (offset_min) is empty"), column);
                }
                else if (role == TimestampColumn)
                {
                    time = Timestamp(cell, column);
                }
                else if (role > 0 && Number(cell, column) is { } value)
                {
                    builder.Set((Signal)role, value);
                }
            }
            column++;
            if (comma < 0)
            {
                break;
            }
            line = line[(comma + 1)..];
        }
        if (column < _requiredColumns)
        {
            throw new BadRowException(_line, 0, $"expected at least {_requiredColumns} columns, got {column}");
        }
        return new SeriesRow(_line, time ?? throw Bad(_timeIndex, "the time is missing"), builder.Build());
    }

    private double? Number(ReadOnlySpan<byte> cell, int column)
    {
        if (cell.IsEmpty)
        {
            return null;
        }
        if (FastDecimal.TryParse(cell, out var value))
        {
            return value;
        }
        // Implausible but well-formed: kept so that the engine rejects and reports it.
        if (Ascii.EqualsIgnoreCase(cell, "nan"u8)) return double.NaN;
        if (Ascii.EqualsIgnoreCase(cell, "inf"u8) || Ascii.EqualsIgnoreCase(cell, "+inf"u8) || Ascii.EqualsIgnoreCase(cell, "infinity"u8)) return double.PositiveInfinity;
        if (Ascii.EqualsIgnoreCase(cell, "-inf"u8) || Ascii.EqualsIgnoreCase(cell, "-infinity"u8)) return double.NegativeInfinity;
        throw Bad(column, $"'{Encoding.UTF8.GetString(cell)}' is not a number");
    }

    /// <summary>NaN, ±∞ or an offset beyond the calendar is no time at all: a bad row, not a crash.</summary>
    private DateTimeOffset OffsetTime(double minutes, int column) =>
        double.IsFinite(minutes) && Math.Abs(minutes) <= MaxOffsetMin
            ? OffsetEpoch.AddMinutes(minutes)
            : throw Bad(column, $"{minutes} is not a time (at most ±{MaxOffsetMin} minutes from 2026-01-01T00:00:00Z)");

    private DateTimeOffset Timestamp(ReadOnlySpan<byte> cell, int column)
    {
        Span<char> chars = stackalloc char[64];
        if (cell.IsEmpty)
        {
            throw Bad(column, "the timestamp is empty");
        }
        if (cell.Length <= chars.Length && Ascii.ToUtf16(cell, chars, out var written) == System.Buffers.OperationStatus.Done
            && IsoTime.TryParse(chars[..written], out var time))
        {
            return time;
        }
        throw Bad(column, $"'{Encoding.UTF8.GetString(cell)}' is not an ISO 8601 timestamp");
    }

    private BadRowException Bad(int column, string message)
    {
        var name = column < _layout!.Length ? ColumnName(_layout[column]) : null;
        return new BadRowException(_line, column + 1, name is null ? message : $"{name}: {message}");
    }

    private static string? ColumnName(int role) => role switch
    {
        OffsetMinColumn => "offset_min",
        TimestampColumn => "timestamp",
        > 0 => SignalInfo.Name((Signal)role),
        _ => null,
    };
}
