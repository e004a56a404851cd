using System.Text.Json;
using BitGridAI.Storage.EventLog;

namespace BitGridAI.Cli.Log;

/// <summary>
/// <c>bitgrid verify-log --data-dir DIR [--json]</c>: recomputes the event log's hash chain (archived segments, then
/// the live file). Exit 0 with the record count and head when it holds; exit 1 naming the first broken record.
/// </summary>
internal static class VerifyLogCommand
{
    public const int Broken = 1;

    public static int Run(Arguments args, CliIO io)
    {
        var dataDir = DataDir.Required(args);
        var json = args.Flag("json");
        args.RejectUnknown(maxPositionals: 0);
        var store = DataDir.OpenLog(dataDir);
        var report = ChainVerifier.Verify(store);
        using var output = new StreamWriter(io.Out, leaveOpen: true) { NewLine = "\n" };
        if (json)
        {
            using var writer = new Utf8JsonWriter(io.Out);
            writer.WriteStartObject();
            writer.WriteBoolean("intact", report.Intact);
            writer.WriteNumber("records", report.Records);
            writer.WriteNumber("head_position", report.HeadPosition);
            writer.WriteString("head_hash", report.HeadHash);
            writer.WriteNumber("archived_segments", report.ArchivedSegments);
            if (report.FirstBreak is { } broken)
            {
                writer.WriteNumber("first_broken_position", broken.Position);
                writer.WriteString("reason", broken.Reason);
            }
            writer.WriteEndObject();
            writer.Flush();
            output.WriteLine();
        }
        else if (report.FirstBreak is { } broken)
        {
            output.WriteLine($"event log {store.Database.Path}: BROKEN at record {broken.Position}: {broken.Reason}");
            output.WriteLine($"{report.Records} record(s) before it verified; the chain holds up to record {report.HeadPosition}");
        }
        else
        {
            output.WriteLine($"event log {store.Database.Path}: chain intact, {report.Records} record(s) verified");
            output.WriteLine($"head: record {report.HeadPosition}, sha256 {report.HeadHash}");
        }
        foreach (var note in report.Notes)
        {
            io.Err.WriteLine($"note: {note}");
        }
        return report.Intact ? CliApp.Ok : Broken;
    }
}
