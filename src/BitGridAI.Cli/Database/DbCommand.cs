using BitGridAI.Storage;
using BitGridAI.Storage.EventLog;
using BitGridAI.Storage.Postgres;

namespace BitGridAI.Cli.Database;

/// <summary>
/// <c>bitgrid db init --connection "Host=...;Port=...;Username=...;Password=...;Database=..." [--wait S]</c>: applies our
/// PostgreSQL scripts for Orleans' membership, reminders and grain state and the sites' event log (idempotent) and prints what is there.
/// A bad connection string is exit 2; PostgreSQL unreachable (after --wait seconds of retrying, default none) exit 5
/// naming host:port; a server that refuses (password, missing database, permissions) exit 1.
/// <c>bitgrid db audit --connection …</c>: every site's event log in PostgreSQL (cluster mode) — its hash chain, and
/// whether each block between its first and last was recorded exactly once; one line per site, then
/// <c>sites=S blocks=N missing=M duplicate=D</c>. Exit 1 when a chain is broken or a block is missing or repeated.
/// </summary>
internal static class DbCommand
{
    public static int Run(Arguments args, CliIO io)
    {
        var verb = args.Positionals.Count > 0 ? args.Positionals[0] : throw new CliInputException("db: say init or audit");
        if (verb is not ("init" or "audit"))
        {
            throw new CliInputException($"db: unknown subcommand '{verb}' (db init|audit --connection \"Host=...;Port=...;Username=...;Password=...;Database=...\")");
        }
        var connection = args.Option("connection") ?? io.Variable("BITGRID_POSTGRES")
            ?? throw new CliInputException("--connection: name the database, \"Host=...;Port=...;Username=...;Password=...;Database=...\" (or set BITGRID_POSTGRES)");
        var wait = verb == "init" ? args.IntOption("wait", 0, 0, 3600) : 0;
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
        // The database's failures end the command the same way for every verb: unreachable 5, refused 1.
        try
        {
            return verb == "audit" ? Audit(database, io) : Init(database, wait, io);
        }
        catch (PostgresUnreachableException e)
        {
            io.Err.WriteLine(CliApp.OneLine($"bitgrid db {verb}: {e.Message}"));
            return CliApp.Unreachable;
        }
        catch (StorageException e)
        {
            io.Err.WriteLine(CliApp.OneLine($"bitgrid db {verb}: {e.Message}"));
            return CliApp.Failed;
        }
    }

    private static int Audit(PostgresDatabase database, CliIO io)
    {
        var log = new PostgresEventLog(database);
        var results = new List<(BlockAuditResult Blocks, ChainReport Chain)>();
        foreach (var site in log.Sites())
        {
            results.Add((BlockAudit.Of(site, log.Read(site)), log.Verify(site)));
        }
        using var output = new StreamWriter(io.Out, leaveOpen: true) { NewLine = "\n" };
        foreach (var (blocks, chain) in results)
        {
            output.WriteLine($"site {blocks.SiteId}: blocks={blocks.Blocks} ({blocks.FirstBlock ?? "-"} to {blocks.LastBlock ?? "-"}) missing={blocks.Missing} duplicate={blocks.Duplicate} chain={(chain.FirstBreak is { } broken ? $"broken at {broken.Position}: {broken.Reason}" : "ok")}");
        }
        output.WriteLine($"sites={results.Count} blocks={results.Sum(r => r.Blocks.Blocks)} missing={results.Sum(r => r.Blocks.Missing)} duplicate={results.Sum(r => r.Blocks.Duplicate)}");
        return results.All(r => r.Chain.Intact && r.Blocks.Missing == 0 && r.Blocks.Duplicate == 0) ? CliApp.Ok : CliApp.Failed;
    }

    private static int Init(PostgresDatabase database, int wait, CliIO io)
    {
        var report = database.ApplyWithRetryAsync(TimeSpan.FromSeconds(wait),
            (e, delay) => io.Err.WriteLine($"{e.Message}; retrying in {delay.TotalSeconds:0} s")).GetAwaiter().GetResult();
        using var output = new StreamWriter(io.Out, leaveOpen: true) { NewLine = "\n" };
        output.WriteLine($"PostgreSQL {database.Endpoint}, database '{database.Database}': applied {string.Join(", ", report.Scripts)}");
        output.WriteLine($"tables created: {(report.Created.Count == 0 ? "none (all were there)" : string.Join(", ", report.Created))}");
        output.WriteLine($"tables: {string.Join(", ", report.Tables)}");
        output.WriteLine($"named queries in orleansquery: {report.Queries.Count}");
        return CliApp.Ok;
    }
}
