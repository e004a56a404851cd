using BitGridAI.Cli.Text;
using BitGridAI.Domain.History;
using BitGridAI.Storage.History;
using Microsoft.Data.Sqlite;

namespace BitGridAI.Cli.History;

/// <summary>The <c>--data-dir DIR [--from ISO] [--to ISO]</c> of the commands that read recorded history.</summary>
internal sealed record HistoryRange(string DataDir, DateTimeOffset? From, DateTimeOffset? To)
{
    public static HistoryRange Read(Arguments args)
    {
        var dataDir = Log.DataDir.Required(args);
        var from = Time(args, "from");
        var to = Time(args, "to");
        if (from is { } f && to is { } t && t <= f)
        {
            throw new CliInputException($"--to: must be after --from (got {IsoTime.Format(f)} to {IsoTime.Format(t)})");
        }
        return new HistoryRange(dataDir, from, to);
    }

    /// <summary>The recorded blocks of the range; a data directory whose log SQLite cannot read is an input error naming it.</summary>
    public RecordedHistory Load()
    {
        var store = Log.DataDir.OpenLog(DataDir);
        try
        {
            return RecordedHistoryReader.Load(store, From, To);
        }
        catch (SqliteException e)
        {
            throw new CliInputException($"--data-dir: cannot read the event log in {DataDir}: {e.Message}");
        }
    }

    private static DateTimeOffset? Time(Arguments args, string name) => args.Option(name) switch
    {
        null => null,
        var text when IsoTime.TryParse(text, out var time) => time,
        var text => throw new CliInputException($"--{name}: not an ISO 8601 time (got '{text}')"),
    };
}
