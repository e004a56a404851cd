using System.Globalization;
using System.Text;

namespace BitGridAI.Cli.Synth;

/// <summary><c>bitgrid synth --days N --seed S [--out file.csv]</c>: a deterministic synthetic series in replay's CSV format.</summary>
internal static class SynthCommand
{
    public static int Run(Arguments args, CliIO io)
    {
        var days = args.IntOption("days", 1, 1, 36_500);
        var seedText = args.Option("seed") ?? "1";
        var seed = ulong.TryParse(seedText, NumberStyles.None, CultureInfo.InvariantCulture, out var s)
            ? s
            : throw new CliInputException($"--seed: must be a whole number ≥ 0 (got '{seedText}')");
        var outPath = args.Option("out");
        args.RejectUnknown(maxPositionals: 0);

        using var file = outPath is null ? null : Open(outPath);
        using var writer = new StreamWriter(file ?? io.Out, new UTF8Encoding(false), 1 << 16, leaveOpen: file is null);
        Write(writer, days, seed);
        return 0;
    }

    public static void Write(TextWriter writer, int days, ulong seed)
    {
        writer.Write($"# BitGridAI synthetic site: {days} days from 2026-01-01T00:00:00Z (offset_min counts from there), seed {seed}\n");
        writer.Write("# 10 kWp PV, 10 kWh battery, one 1674 W miner decided by the engine at default config; faults injected\n");
        writer.Write(SyntheticRow.Header);
        writer.Write('\n');
        Span<char> number = stackalloc char[32];
        foreach (var row in new SyntheticSite(seed).Generate(days))
        {
            writer.Write(row.OffsetMin.ToString(CultureInfo.InvariantCulture));
            foreach (var cell in row.Cells)
            {
                writer.Write(',');
                if (cell is { } value && value.TryFormat(number, out var written, provider: CultureInfo.InvariantCulture))
                {
                    writer.Write(number[..written]);
                }
            }
            writer.Write('\n');
        }
    }

    private static FileStream Open(string path)
    {
        try
        {
            return File.Create(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliInputException($"--out: cannot write '{path}': {e.Message}");
        }
    }
}
