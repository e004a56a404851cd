using System.Diagnostics;
using BitGridAI.Cli.Text;
using BitGridAI.Domain.Config;
using BitGridAI.Domain.Decisions;
using BitGridAI.Domain.Engine;

namespace BitGridAI.Cli.Replay;

/// <summary>
/// <c>bitgrid replay FILE.csv [--config F] [--strategy S] [--autonomy A] [--out F] [--skip-bad-rows]</c>:
/// one JSON line per row to stdout or --out, a summary to stderr.
/// </summary>
internal static class ReplayCommand
{
    private const int BadRowsListed = 5;

    public static int Run(Arguments args, CliIO io)
    {
        var path = args.Positionals.Count > 0 ? args.Positionals[0] : throw new CliInputException("replay: name the CSV file to replay (or - for stdin)");
        var config = args.Option("config") is { } configPath ? ConfigJson.ReadFile(configPath) : EngineConfig.Default;
        var template = new DecisionContext
        {
            Autonomy = args.Option("autonomy") is { } autonomy ? Names.ParseAutonomy("--autonomy", autonomy) : Autonomy.Full,
            Strategy = args.Option("strategy") is { } strategy ? Names.ParseStrategy("--strategy", strategy) : Strategy.Surplus,
            Trigger = Trigger.BlockTick,
        };
        var outPath = args.Option("out");
        var skipBadRows = args.Flag("skip-bad-rows");
        args.RejectUnknown(maxPositionals: 1);

        var watch = Stopwatch.StartNew();
        var data = ReadInput(path, io);
        using var output = outPath is null ? null : OpenOutput(outPath);
        using var writer = new ReplayLineWriter(output ?? io.Out);
        var reader = new SeriesCsvReader(data);
        var replay = new SeriesReplay(config, template);
        var counts = new long[DecisionCodes.All.Max(i => (int)i.Code) + 1];
        var badRows = new List<string>();
        long rows = 0;
        var previousLine = 0;
        while (true)
        {
            SeriesRow row;
            try
            {
                if (!reader.TryRead(out row))
                {
                    break;
                }
                if (!replay.Accepts(row.Time))
                {
                    throw new BadRowException(row.Line, 0,
                        $"time {IsoTime.Format(row.Time)} is not in a later 10-minute block than line {previousLine}; rows must move forward block by block");
                }
            }
            catch (BadRowException bad) when (skipBadRows)
            {
                badRows.Add(bad.Message);
                continue;
            }
            catch (BadRowException bad)
            {
                writer.Flush();
                throw new CliInputException($"{path}: {bad.Message} (use --skip-bad-rows to skip such rows)");
            }
            var decision = replay.Step(row.State, row.Time, out var context);
            writer.Write(row.Line, decision, context);
            counts[(int)decision.Code]++;
            rows++;
            previousLine = row.Line;
        }
        writer.Flush();
        watch.Stop();

        WriteSummary(io.Err, path, rows, watch.Elapsed, counts, badRows, reader.IgnoredColumns);
        return 0;
    }

    private static ReadOnlyMemory<byte> ReadInput(string path, CliIO io)
    {
        if (path == "-")
        {
            using var buffer = new MemoryStream();
            io.In.CopyTo(buffer);
            return buffer.ToArray();
        }
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliInputException($"{path}: cannot read: {e.Message}");
        }
    }

    internal static FileStream OpenOutput(string path)
    {
        try
        {
            return new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, bufferSize: 1);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliInputException($"--out: cannot write '{path}': {e.Message}");
        }
    }

    private static void WriteSummary(TextWriter err, string path, long rows, TimeSpan elapsed, long[] counts,
        List<string> badRows, List<string> ignoredColumns)
    {
        var perSecond = rows / Math.Max(elapsed.TotalSeconds, 1e-9);
        err.WriteLine($"replayed {rows} rows of {path} in {elapsed.TotalSeconds:F3} s ({perSecond:F0} blocks/s)");
        if (ignoredColumns.Count > 0)
        {
            err.WriteLine($"ignored columns: {string.Join(", ", ignoredColumns)}");
        }
        if (badRows.Count > 0)
        {
            err.WriteLine($"skipped {badRows.Count} bad rows:");
            foreach (var bad in badRows.Take(BadRowsListed))
            {
                err.WriteLine($"  {bad}");
            }
            if (badRows.Count > BadRowsListed)
            {
                err.WriteLine($"  … and {badRows.Count - BadRowsListed} more");
            }
        }
        err.WriteLine("decisions per code:");
        foreach (var info in DecisionCodes.All.Where(i => counts[(int)i.Code] > 0).OrderByDescending(i => counts[(int)i.Code]))
        {
            err.WriteLine($"  {counts[(int)info.Code],9}  {info.Name}");
        }
        err.Flush();
    }
}
