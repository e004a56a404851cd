using System.Net.Sockets;
using Npgsql;

namespace BitGridAI.Storage.Postgres;

/// <summary>
/// A PostgreSQL database for Orleans' ADO.NET providers (invariant <see cref="Invariant"/>): its connection string,
/// with a bounded pool, and our own schema scripts (membership, reminders, grain state, the event log; <c>Sql/postgres</c>), which
/// are idempotent and applied at every start or by <c>bitgrid db init</c>. An unreachable server fails with
/// <see cref="PostgresUnreachableException"/> naming host:port; a server that refuses us (password, missing
/// database, permissions) with <see cref="StorageException"/> naming it and PostgreSQL's reason.
/// </summary>
public sealed class PostgresDatabase
{
    /// <summary>The ADO.NET invariant the Orleans providers take for Npgsql.</summary>
    public const string Invariant = "Npgsql";

    /// <summary>
    /// Npgsql's default pool (100) equals PostgreSQL's default max_connections: one silo could take every
    /// connection. A connection string that sets its own maximum keeps it.
    /// </summary>
    public const int DefaultMaxPoolSize = 20;

    /// <summary>The scripts in the order they are applied (each creates the query table it fills).</summary>
    public static readonly IReadOnlyList<string> Scripts = ["clustering.sql", "reminders.sql", "grain-state.sql", "event-log.sql"];

    // Any fixed number: serializes concurrent appliers (a `db init` and a starting silo, two silos) on the server.
    private const long SchemaLockKey = 0x4269_7447_7269_6441;

    /// <param name="connectionString">Npgsql keywords: Host, Port, Username, Password, Database, ...</param>
    /// <exception cref="ArgumentException">Not a connection string Npgsql accepts, or one without a host.</exception>
    public PostgresDatabase(string connectionString)
    {
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or KeyNotFoundException or InvalidCastException)
        {
            throw new ArgumentException($"not a PostgreSQL connection string ({e.Message}); expected \"Host=...;Port=...;Username=...;Password=...;Database=...\"", e);
        }
        if (string.IsNullOrWhiteSpace(builder.Host))
        {
            throw new ArgumentException("the connection string names no Host; expected \"Host=...;Port=...;Username=...;Password=...;Database=...\"");
        }
        if (!connectionString.Contains("Maximum Pool Size", StringComparison.OrdinalIgnoreCase)
            && !connectionString.Contains("MaxPoolSize", StringComparison.OrdinalIgnoreCase)
            && !connectionString.Contains("Max Pool Size", StringComparison.OrdinalIgnoreCase))
        {
            builder.MaxPoolSize = DefaultMaxPoolSize;
        }
        Endpoint = $"{builder.Host}:{builder.Port}";
        Database = builder.Database ?? builder.Username ?? "";
        ConnectionString = builder.ConnectionString;
    }

    /// <summary>The connection string the providers get (with the pool bound).</summary>
    public string ConnectionString { get; }

    /// <summary>host:port, for messages.</summary>
    public string Endpoint { get; }

    /// <summary>The database name (PostgreSQL's default: the user's name).</summary>
    public string Database { get; }

    /// <summary>
    /// Applies every script in one transaction, under a server-side lock, and reports what is there afterwards.
    /// </summary>
    public async Task<PostgresSchemaReport> ApplyAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await using var connection = await OpenConnectionAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await using (var guard = new NpgsqlCommand($"SELECT pg_advisory_xact_lock({SchemaLockKey});", connection, transaction))
            {
                await guard.ExecuteNonQueryAsync(cancellationToken);
            }
            var before = await TablesAsync(connection, transaction, cancellationToken);
            foreach (var script in Scripts)
            {
                await using var command = new NpgsqlCommand(ReadScript(script), connection, transaction);
                await command.ExecuteNonQueryAsync(cancellationToken);
            }
            var after = await TablesAsync(connection, transaction, cancellationToken);
            var queries = new List<string>();
            await using (var list = new NpgsqlCommand("SELECT querykey FROM orleansquery ORDER BY querykey;", connection, transaction))
            await using (var reader = await list.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    queries.Add(reader.GetString(0));
                }
            }
            await transaction.CommitAsync(cancellationToken);
            return new PostgresSchemaReport(Scripts, after.Except(before).ToList(), after, queries);
        }
        catch (Exception e) when (Failure(e, cancellationToken) is { } failure)
        {
            throw failure;
        }
    }

    /// <summary>An open connection from the pool; failures as Npgsql throws them (see <see cref="Failure"/>).</summary>
    internal async Task<NpgsqlConnection> OpenConnectionAsync(CancellationToken cancellationToken = default)
    {
        var connection = new NpgsqlConnection(ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <inheritdoc cref="OpenConnectionAsync"/>
    internal NpgsqlConnection OpenConnection()
    {
        var connection = new NpgsqlConnection(ConnectionString);
        try
        {
            connection.Open();
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>
    /// What a failed use of this database means to its caller: <see cref="PostgresUnreachableException"/> naming
    /// host:port when the server did not answer, <see cref="StorageException"/> with PostgreSQL's reason when it
    /// refused; null for anything else (a cancellation, a bug), which stays as it is.
    /// </summary>
    internal Exception? Failure(Exception e, CancellationToken cancellationToken = default) => e switch
    {
        _ when IsUnreachable(e) && !cancellationToken.IsCancellationRequested =>
            new PostgresUnreachableException(Endpoint, $"PostgreSQL is unreachable at {Endpoint}: {Reason(e)}", e),
        PostgresException refused => new StorageException($"PostgreSQL at {Endpoint} (database '{Database}') refused: {refused.MessageText} ({refused.SqlState})", refused),
        NpgsqlException other => new StorageException($"cannot use PostgreSQL at {Endpoint} (database '{Database}'): {Reason(other)}", other),
        _ => null,
    };

    /// <summary>
    /// <see cref="ApplyAsync"/>, retried with backoff (1 s, doubling, at most 15 s between attempts) while the
    /// server is unreachable, until <paramref name="retryFor"/> has passed; then the last
    /// <see cref="PostgresUnreachableException"/>. Errors other than unreachable are not retried.
    /// </summary>
    /// <param name="retryFor">How long to keep trying (zero: once).</param>
    /// <param name="onRetry">Told each failed attempt and the wait before the next (a log line).</param>
    /// <param name="clock">The clock the deadline and the waits run on (the system clock by default).</param>
    /// <param name="cancellationToken">Ends the waiting.</param>
    public async Task<PostgresSchemaReport> ApplyWithRetryAsync(TimeSpan retryFor, Action<PostgresUnreachableException, TimeSpan>? onRetry = null,
        TimeProvider? clock = null, CancellationToken cancellationToken = default)
    {
        clock ??= TimeProvider.System;
        var deadline = clock.GetUtcNow() + retryFor;
        var delay = TimeSpan.FromSeconds(1);
        while (true)
        {
            try
            {
                return await ApplyAsync(cancellationToken);
            }
            catch (PostgresUnreachableException e) when (clock.GetUtcNow() + delay < deadline)
            {
                onRetry?.Invoke(e, delay);
                await Task.Delay(delay, clock, cancellationToken);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(15).Ticks));
            }
        }
    }

    private static async Task<List<string>> TablesAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var tables = new List<string>();
        await using var command = new NpgsqlCommand(
            "SELECT c.relname FROM pg_class c WHERE c.relkind = 'r' AND c.relnamespace = current_schema()::regnamespace " +
            "AND (c.relname = 'orleansquery' OR c.relname LIKE 'bitgrid\\_%') ORDER BY c.relname;", connection, transaction);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            tables.Add(reader.GetString(0));
        }
        return tables;
    }

    internal static bool IsUnreachable(Exception e) => e switch
    {
        PostgresException => false,
        NpgsqlException n => n.InnerException is SocketException or TimeoutException or IOException || n.IsTransient,
        SocketException or TimeoutException => true,
        _ => false,
    };

    internal static string Reason(Exception e)
    {
        for (var inner = e; inner is not null; inner = inner.InnerException)
        {
            if (inner is SocketException socket)
            {
                return socket.SocketErrorCode switch
                {
                    SocketError.ConnectionRefused => "connection refused (is PostgreSQL running and listening on that address?)",
                    SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain => "unknown host",
                    SocketError.TimedOut => "timed out",
                    _ => socket.Message,
                };
            }
            if (inner is TimeoutException)
            {
                return "timed out";
            }
        }
        return e.Message;
    }

    private static string ReadScript(string name)
    {
        using var stream = typeof(PostgresDatabase).Assembly.GetManifestResourceStream($"BitGridAI.Storage.Sql.postgres.{name}")
            ?? throw new InvalidOperationException($"schema script 'postgres/{name}' is not embedded");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}

/// <summary>What applying the scripts left in the database.</summary>
/// <param name="Scripts">The scripts applied, in order.</param>
/// <param name="Created">Tables that did not exist before.</param>
/// <param name="Tables">Our tables now.</param>
/// <param name="Queries">The named queries in orleansquery now.</param>
public sealed record PostgresSchemaReport(IReadOnlyList<string> Scripts, IReadOnlyList<string> Created, IReadOnlyList<string> Tables, IReadOnlyList<string> Queries);
