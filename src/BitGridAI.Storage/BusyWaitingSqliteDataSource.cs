using System.Data;
using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace BitGridAI.Storage;

/// <summary>
/// Hands out SQLite connections that wait inside SQLite when another writer holds the file
/// (<c>PRAGMA busy_timeout</c>) and commit with <c>synchronous = NORMAL</c>, on every open — a new
/// connection, or one the pool hands back. Microsoft.Data.Sqlite has no connection-string key for
/// SQLite's busy wait (a new connection reports <c>busy_timeout = 0</c>); its own answer to a busy file is a
/// 150 ms sleep per retry, which showed as 150 ms site ticks. Orleans takes this data source for grain state
/// and reminders, so the connections it opens get the same settings as ours.
/// </summary>
public sealed class BusyWaitingSqliteDataSource(string connectionString, TimeSpan busyTimeout) : DbDataSource
{
    public override string ConnectionString => connectionString;

    public TimeSpan BusyTimeout => busyTimeout;

    private long? _maxPageCount;
    private bool _limited;

    /// <summary>
    /// Caps the file's size in pages on every connection, as a disk quota does: once the cap is reached a write fails
    /// with SQLite's own "database or disk is full". Null lifts it. Tests emulate a full disk with it.
    /// </summary>
    public long? MaxPageCount
    {
        get => _maxPageCount;
        set
        {
            _maxPageCount = value;
            _limited = true;
        }
    }

    /// <summary>Every connection refuses writes, as a file on a read-only mount does ("attempt to write a readonly database").</summary>
    public bool QueryOnly { get; set; }

    protected override DbConnection CreateDbConnection()
    {
        var connection = new SqliteConnection(connectionString);
        connection.StateChange += OnStateChange;
        return connection;
    }

    /// <remarks>
    /// <c>wal_autocheckpoint = 4096</c> pages (16 MB of WAL between checkpoints, SQLite's default is 1000): appending
    /// the event log in batches ran at ~50,000 records/s with the default and ~60,000 with this (scripts/bench.sh log).
    /// </remarks>
    private void OnStateChange(object? sender, StateChangeEventArgs e)
    {
        if (e.CurrentState == ConnectionState.Open && sender is SqliteConnection connection)
        {
            using var pragma = connection.CreateCommand();
            pragma.CommandText = $"PRAGMA synchronous = NORMAL; PRAGMA wal_autocheckpoint = 4096; PRAGMA busy_timeout = {(long)busyTimeout.TotalMilliseconds}; PRAGMA query_only = {(QueryOnly ? 1 : 0)};"
                // SQLite's largest page count when lifted; set only once a cap was ever asked for.
                + (_limited ? $" PRAGMA max_page_count = {_maxPageCount ?? 4294967294};" : "");
            pragma.ExecuteNonQuery();
        }
    }
}
