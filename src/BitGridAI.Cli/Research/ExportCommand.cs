using System.Globalization;
using BitGridAI.Cli.Log;
using BitGridAI.Storage;
using BitGridAI.Storage.Export;

namespace BitGridAI.Cli.Research;

/// <summary>
/// <c>bitgrid export --data-dir DIR --out DIR2 [--from ISO] [--to ISO] [--anonymise] [--by NAME]</c>: writes a
/// research export into a new <c>export-&lt;time&gt;</c> directory under DIR2. Exit 3 while the research toggle is
/// off (the API answers 409 for the same refusal), 1 when the log cannot be read.
/// </summary>
internal static class ExportCommand
{
    public const int Refused = 3;
    public const int Unreadable = 1;

    public static int Run(Arguments args, CliIO io, TimeProvider clock)
    {
        var dataDir = DataDir.Required(args);
        var outDir = args.Option("out") ?? throw new CliInputException("--out: required (the directory the export directory is made in)");
        var from = Time(args, "from");
        var to = Time(args, "to");
        if (from is { } f && to is { } t && f >= t)
        {
            throw new CliInputException($"--from ({args.Option("from")}) must lie before --to ({args.Option("to")})");
        }
        var anonymise = args.Flag("anonymise");
        var by = RequestedBy.Of(args);
        args.RejectUnknown(maxPositionals: 0);
        var store = DataDir.OpenLog(dataDir);
        ExportResult result;
        try
        {
            result = ResearchExport.RunAsync(store, new ExportRequest(outDir, from, to, anonymise, by), clock).GetAwaiter().GetResult();
        }
        catch (ResearchDisabledException e)
        {
            io.Err.WriteLine($"bitgrid export: refused: {e.Message}");
            return Refused;
        }
        catch (ArgumentException e)
        {
            throw new CliInputException(e.Message);
        }
        catch (Exception e) when (e is StorageException or IOException or UnauthorizedAccessException)
        {
            io.Err.WriteLine($"bitgrid export: {e.Message}");
            return Unreadable;
        }
        using var output = new StreamWriter(io.Out, leaveOpen: true) { NewLine = "\n" };
        output.WriteLine($"export written to {result.Directory}{(anonymise ? " (anonymised)" : "")}");
        foreach (var file in result.Manifest.Files)
        {
            output.WriteLine($"  {file.Name,-22} {file.Rows,9} rows  sha256 {file.Sha256}");
        }
        output.WriteLine($"  {ExportManifest.FileName,-22} sha256 {result.ManifestSha256} (logged)");
        return CliApp.Ok;
    }

    /// <summary>An ISO 8601 time; one without an offset is UTC (a bare date is its midnight).</summary>
    private static DateTimeOffset? Time(Arguments args, string name)
    {
        var text = args.Option(name);
        if (text is null)
        {
            return null;
        }
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time)
            ? time
            : throw new CliInputException($"--{name}: '{text}' is not an ISO 8601 time (e.g. 2026-06-21 or 2026-06-21T08:00:00Z)");
    }
}
