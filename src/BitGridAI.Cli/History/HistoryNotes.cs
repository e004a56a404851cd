using BitGridAI.Domain.History;

namespace BitGridAI.Cli.History;

/// <summary>What the history commands tell on stderr about records they could not use.</summary>
internal static class HistoryNotes
{
    public static void WriteSkipped(TextWriter err, RecordedHistory history)
    {
        if (history.SkippedRecords > 0)
        {
            err.WriteLine($"skipped {history.SkippedRecords} record(s) that could not be used: {string.Join("; ", history.SkipReasons)}");
        }
        if (history.Blocks.Count == 0)
        {
            err.WriteLine("no recorded blocks in the range");
        }
    }
}
