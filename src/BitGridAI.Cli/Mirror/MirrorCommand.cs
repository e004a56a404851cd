using BitGridAI.Cli.Log;
using BitGridAI.Storage;
using BitGridAI.Storage.EventLog;
using BitGridAI.Storage.Mirror;

namespace BitGridAI.Cli.Mirror;

/// <summary>
/// <c>bitgrid mirror --data-dir DIR --target T [--segment-records N] [--exports DIR]</c> sends what is new;
/// <c>bitgrid mirror verify --data-dir DIR --target T</c> reads the whole mirror back and exits 1 naming the first
/// bad file.
/// </summary>
internal static class MirrorCommand
{
    public const int Bad = 1;

    public static int Run(Arguments args, CliIO io)
    {
        var dataDir = DataDir.Required(args);
        var target = args.Option("target") ?? throw new CliInputException("--target: required (the directory the encrypted copies go to)");
        var verify = args.Positionals.Count > 0 && args.Positionals[0] == "verify";
        if (args.Positionals.Count > 0 && !verify)
        {
            throw new CliInputException($"'{args.Positionals[0]}' is not a mirror command (bitgrid mirror [verify] --data-dir DIR --target T)");
        }
        var segmentRecords = verify ? 0 : args.IntOption("segment-records", EventLogDefaults.SegmentRecords, 1, 1_000_000);
        var exports = verify ? null : args.Option("exports");
        args.RejectUnknown(maxPositionals: verify ? 1 : 0);
        DataDir.OpenLog(dataDir);
        using var output = new StreamWriter(io.Out, leaveOpen: true) { NewLine = "\n" };
        try
        {
            return verify ? Verify(dataDir, target, output, io.Err) : Push(new MirrorOptions(dataDir, target, segmentRecords, exports), output, io.Err);
        }
        catch (ArgumentException e)
        {
            throw new CliInputException(e.Message);
        }
        catch (Exception e) when (e is StorageException or IOException or UnauthorizedAccessException)
        {
            io.Err.WriteLine($"bitgrid mirror: {e.Message}");
            return Bad;
        }
    }

    private static int Push(MirrorOptions options, TextWriter output, TextWriter err)
    {
        var sent = new MirrorRun(options).Push();
        output.WriteLine($"mirror {options.Target}: sent {sent.Segments} segment(s) ({sent.Records} records) and {sent.Exports} export(s), {sent.Files} file(s)");
        foreach (var note in sent.Notes)
        {
            err.WriteLine($"note: {note}");
        }
        return CliApp.Ok;
    }

    private static int Verify(string dataDir, string target, TextWriter output, TextWriter err)
    {
        var report = MirrorVerifier.Verify(dataDir, target);
        var counts = $"{report.Segments} segment(s) ({report.Records} records{(report.Segments > 0 ? $", positions {report.FirstPosition}–{report.LastPosition}" : "")}), {report.Exports} export(s) ({report.ExportFiles} files)";
        if (report.Problem is { } problem)
        {
            output.WriteLine($"mirror {target}: BAD {problem.File}: {problem.Reason}");
            output.WriteLine($"verified before it: {counts}");
        }
        else
        {
            output.WriteLine($"mirror {target}: intact, {counts} verified");
        }
        foreach (var note in report.Notes)
        {
            err.WriteLine($"note: {note}");
        }
        return report.Intact ? CliApp.Ok : Bad;
    }
}
