using BitGridAI.Cli.Log;
using BitGridAI.Storage;
using BitGridAI.Storage.Export;

namespace BitGridAI.Cli.Research;

/// <summary>
/// <c>bitgrid research on|off|status --data-dir DIR [--by NAME] [--site ID]</c>: switches the research toggle by
/// appending a <c>research</c> record to the event log (safe while the silo runs), or shows its state.
/// </summary>
internal static class ResearchCommand
{
    public static int Run(Arguments args, CliIO io, TimeProvider clock)
    {
        var dataDir = DataDir.Required(args);
        var verb = args.Positionals.Count == 1 ? args.Positionals[0]
            : throw new CliInputException("say on, off or status (bitgrid research on --data-dir DIR)");
        if (verb is not ("on" or "off" or "status"))
        {
            throw new CliInputException($"'{verb}' is not on, off or status");
        }
        var by = verb == "status" ? "" : RequestedBy.Of(args);
        var site = args.Option("site");
        args.RejectUnknown(maxPositionals: 1);
        var store = DataDir.OpenLog(dataDir);
        using var output = new StreamWriter(io.Out, leaveOpen: true) { NewLine = "\n" };
        if (verb != "status")
        {
            try
            {
                ResearchToggle.Set(store, verb == "on", by, clock, site);
            }
            catch (StorageException e)
            {
                throw new CliInputException($"{e.Message} with --site ID");
            }
        }
        var current = ResearchToggle.Current(store);
        output.WriteLine(current is null
            ? "research export: OFF (never switched on)"
            : $"research export: {(current.Enabled ? "ON" : "OFF")} (switched by {current.RequestedBy} at {current.At}, log record {current.Position})");
        return CliApp.Ok;
    }
}
