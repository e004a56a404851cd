using BitGridAI.Storage;
using BitGridAI.Storage.Postgres;

namespace BitGridAI.Cli.Database;

/// <summary>
/// <c>bitgrid db init --connection "Host=...;Port=...;Username=...;Password=...;Database=..." [--wait S]</c>: applies our
/// PostgreSQL scripts for Orleans' membership, reminders and grain state (idempotent) and prints what is there.
/// A bad connection string is exit 2; PostgreSQL unreachable (after --wait seconds of retrying, default none) exit 5
/// naming host:port; a server that refuses (password, missing database, permissions) exit 1.
/// </summary>
internal static class DbCommand
{
    public static int Run(Arguments args, CliIO io)
    {
        var verb = args.Positionals.Count > 0 ? args.Positionals[0] : throw new CliInputException("db: say init");
        if (verb != "init")
        {
            throw new CliInputException($"db: unknown subcommand '{verb}' (db init --connection \"Host=...;Port=...;Username=...;Password=...;Database=...\")");
        }
        var connection = args.Option("connection") ?? io.Variable("BITGRID_POSTGRES")
            ?? throw new CliInputException("--connection: name the database, \"Host=...;Port=...;Username=...;Password=...;Database=...\" (or set BITGRID_POSTGRES)");
        var wait = args.IntOption("wait", 0, 0, 3600);
        args.RejectUnknown(maxPositionals: 1);
        PostgresDatabase database;
        try
        {
            database = new PostgresDatabase(connection);
        }
        catch (ArgumentException e)
        {
            throw new CliInputException($"--connection: {e.Message}");
        }
        PostgresSchemaReport report;
        try
        {
            report = database.ApplyWithRetryAsync(TimeSpan.FromSeconds(wait),
                (e, delay) => io.Err.WriteLine($"{e.Message}; retrying in {delay.TotalSeconds:0} s")).GetAwaiter().GetResult();
        }
        catch (PostgresUnreachableException e)
        {
            io.Err.WriteLine(CliApp.OneLine($"bitgrid db init: {e.Message}"));
            return CliApp.Unreachable;
        }
        catch (StorageException e)
        {
            io.Err.WriteLine(CliApp.OneLine($"bitgrid db init: {e.Message}"));
            return CliApp.Failed;
        }
        using var output = new StreamWriter(io.Out, leaveOpen: true) { NewLine = "\n" };
        output.WriteLine($"PostgreSQL {database.Endpoint}, database '{database.Database}': applied {string.Join(", ", report.Scripts)}");
        output.WriteLine($"tables created: {(report.Created.Count == 0 ? "none (all were there)" : string.Join(", ", report.Created))}");
        output.WriteLine($"tables: {string.Join(", ", report.Tables)}");
        output.WriteLine($"named queries in orleansquery: {report.Queries.Count}");
        return CliApp.Ok;
    }
}
