using BitGridAI.Grains.Abstractions.Recording;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace BitGridAI.Storage.EventLog;

/// <summary>
/// The hash-chained event log in one SQLite file (WAL). Appends run in one IMMEDIATE transaction per batch, which
/// reads the chain's head inside it: any number of writers (the silo, a console command) extend one chain, and a
/// crash leaves whole records or none. Triggers refuse changes and deletions (see <c>Sql/event-log.sql</c>);
/// <see cref="ChainVerifier"/> finds what the triggers cannot stop.
/// </summary>
public sealed class EventLogStore
{
    public const string Script = "event-log.sql";

    public EventLogStore(SqliteDatabase database)
    {
        Database = database;
        database.Apply(Script);
    }

    public SqliteDatabase Database { get; }

    /// <summary>The log file in a data directory.</summary>
    public static string PathIn(string dataDir) => Path.Combine(dataDir, "events.db");

    /// <summary>
    /// Opens the event log of an existing data directory (console commands); a directory without one is a
    /// <see cref="StorageException"/> naming the path, and nothing is created there.
    /// </summary>
    public static EventLogStore OpenExisting(string dataDir)
    {
        var path = PathIn(dataDir);
        if (!File.Exists(path))
        {
            throw new StorageException($"no event log at {Path.GetFullPath(path)} (is {dataDir} the silo's data directory?)");
        }
        return new EventLogStore(new SqliteDatabase(path, create: false));
    }

    /// <summary>The file's directory: archived segments go to <c>archive/</c> beside it.</summary>
    public string DataDir => Path.GetDirectoryName(Database.Path)!;

    /// <summary>
    /// Appends <paramref name="entries"/> in order as one transaction and returns, per entry, whether it is new; an
    /// entry whose dedup key the log already holds is left out and does not advance the chain.
    /// </summary>
    public bool[] Append(IReadOnlyList<LogEntry> entries)
    {
        var added = new bool[entries.Count];
        if (entries.Count == 0)
        {
            return added;
        }
        using var connection = Database.Open();
        using var transaction = connection.BeginTransaction(deferred: false);
        var (position, hash) = Head(connection);
        // SQLite's own statement, bound with the very UTF-8 bytes the chain hashes: each field is encoded once.
        using var insert = Prepare(connection, """
            INSERT INTO event_log (position, kind, site_id, at, dedup_key, body, prev_hash, hash)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
            ON CONFLICT (dedup_key) DO NOTHING;
            """);
        using var chain = new ChainAppender(position, hash);
        for (var i = 0; i < entries.Count; i++)
        {
            chain.Link(entries[i]);
            raw.sqlite3_reset(insert);
            raw.sqlite3_bind_int64(insert, 1, chain.NextPosition);
            for (var f = 0; f < ChainAppender.Fields; f++)
            {
                if (f == ChainAppender.DedupKeyField && !chain.HasDedupKey)
                {
                    raw.sqlite3_bind_null(insert, 2 + f);
                }
                else
                {
                    raw.sqlite3_bind_text(insert, 2 + f, chain.Utf8(f));
                }
            }
            raw.sqlite3_bind_blob(insert, 7, chain.Hash);
            raw.sqlite3_bind_blob(insert, 8, chain.NextHash);
            var step = raw.sqlite3_step(insert);
            if (step != raw.SQLITE_DONE)
            {
                throw new SqliteException($"SQLite Error {step}: '{raw.sqlite3_errmsg(connection.Handle).utf8_to_string()}'.", step, raw.sqlite3_extended_errcode(connection.Handle));
            }
            if (raw.sqlite3_changes(connection.Handle) == 1)
            {
                chain.Advance();
                added[i] = true;
            }
        }
        transaction.Commit();
        return added;
    }

    private static sqlite3_stmt Prepare(SqliteConnection connection, string sql) =>
        raw.sqlite3_prepare_v2(connection.Handle, sql, out var statement) == raw.SQLITE_OK
            ? statement
            : throw new SqliteException($"SQLite Error: '{raw.sqlite3_errmsg(connection.Handle).utf8_to_string()}'.", raw.sqlite3_errcode(connection.Handle));

    /// <summary>The last position and its hash (an archived segment's head when the file holds nothing newer; 0 and the genesis hash when empty).</summary>
    public (long Position, byte[] Hash) Head()
    {
        using var connection = Database.Open();
        return Head(connection);
    }

    internal static (long Position, byte[] Hash) Head(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT position, hash FROM event_log WHERE position = (SELECT MAX(position) FROM event_log)
            UNION ALL
            SELECT last_position, head_hash FROM archived_segment WHERE segment = (SELECT MAX(segment) FROM archived_segment)
            ORDER BY 1 DESC LIMIT 1;
            """;
        using var reader = command.ExecuteReader();
        return reader.Read() ? (reader.GetInt64(0), (byte[])reader[1]) : (0, ChainHash.Genesis.ToArray());
    }

    /// <summary>Records in position order from <paramref name="fromPosition"/> to <paramref name="toPosition"/> (inclusive), streamed.</summary>
    public IEnumerable<StoredRecord> Read(long fromPosition = 1, long toPosition = long.MaxValue)
    {
        using var connection = Database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT position, kind, site_id, at, dedup_key, body, prev_hash, hash FROM event_log
            WHERE position BETWEEN $from AND $to ORDER BY position;
            """;
        command.Parameters.AddWithValue("$from", fromPosition);
        command.Parameters.AddWithValue("$to", toPosition);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            yield return ReadRecord(reader);
        }
    }

    /// <summary>The records of the given kinds whose time lies in [<paramref name="from"/>, <paramref name="to"/>), in position order.</summary>
    public IEnumerable<StoredRecord> Read(IReadOnlyCollection<string> kinds, DateTimeOffset? from, DateTimeOffset? to)
    {
        using var connection = Database.Open();
        using var command = connection.CreateCommand();
        var names = string.Join(", ", kinds.Select((_, i) => $"$k{i}"));
        command.CommandText = $"""
            SELECT position, kind, site_id, at, dedup_key, body, prev_hash, hash FROM event_log
            WHERE kind IN ({names}) AND at >= $from AND at < $to ORDER BY position;
            """;
        var i = 0;
        foreach (var kind in kinds)
        {
            command.Parameters.AddWithValue($"$k{i++}", kind);
        }
        command.Parameters.AddWithValue("$from", from is { } f ? LogTime.Format(f) : "");
        command.Parameters.AddWithValue("$to", to is { } t ? LogTime.Format(t) : "~");
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            yield return ReadRecord(reader);
        }
    }

    /// <summary>The newest record of a kind, or null.</summary>
    public StoredRecord? Last(string kind)
    {
        using var connection = Database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT position, kind, site_id, at, dedup_key, body, prev_hash, hash FROM event_log
            WHERE kind = $kind ORDER BY position DESC LIMIT 1;
            """;
        command.Parameters.AddWithValue("$kind", kind);
        using var reader = command.ExecuteReader();
        return reader.Read() ? ReadRecord(reader) : null;
    }

    /// <summary>Reads a row whatever a tampering hand stored in it: a wrong type becomes a value the verifier rejects, never an exception.</summary>
    internal static StoredRecord ReadRecord(SqliteDataReader reader) => new(
        reader.GetInt64(0),
        Text(reader.GetValue(1)),
        Text(reader.GetValue(2)),
        Text(reader.GetValue(3)),
        reader.IsDBNull(4) ? null : Text(reader.GetValue(4)),
        Text(reader.GetValue(5)),
        reader.GetValue(6) as byte[] ?? [],
        reader.GetValue(7) as byte[] ?? []);

    private static string Text(object value) => value switch
    {
        string text => text,
        byte[] bytes => Convert.ToHexString(bytes),
        DBNull => "",
        _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "",
    };
}
