using BitGridAI.Storage;
using BitGridAI.Storage.EventLog;

namespace BitGridAI.Cli.Log;

/// <summary>The <c>--data-dir</c> option of the commands that read a silo's recorded history.</summary>
internal static class DataDir
{
    public static string Required(Arguments args) =>
        args.Option("data-dir") ?? throw new CliInputException("--data-dir: required (the silo's data directory, e.g. ./data)");

    /// <summary>The event log in the directory; a directory without one is an input error naming the path.</summary>
    public static EventLogStore OpenLog(string dataDir)
    {
        try
        {
            return EventLogStore.OpenExisting(dataDir);
        }
        catch (StorageException e)
        {
            throw new CliInputException($"--data-dir: {e.Message}");
        }
    }
}
