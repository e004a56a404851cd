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

    protected override DbConnection CreateDbConnection()
    {
        var connection = new SqliteConnection(connectionString);
        connection.StateChange += OnStateChange;
        return connection;
    }

    private void OnStateChange(object? sender, StateChangeEventArgs e)
    {
        if (e.CurrentState == ConnectionState.Open && sender is SqliteConnection connection)
        {
            using var pragma = connection.CreateCommand();
            pragma.CommandText = $"PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = {(long)busyTimeout.TotalMilliseconds};";
            pragma.ExecuteNonQuery();
        }
    }
}
