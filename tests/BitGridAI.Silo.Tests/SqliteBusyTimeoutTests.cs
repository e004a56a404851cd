using System.Data.Common;
using BitGridAI.Storage;
using Microsoft.Data.Sqlite;

namespace BitGridAI.Silo.Tests;

/// <summary>Two writers on one SQLite file take turns: the second waits for the first, it never fails with "database is locked".</summary>
public sealed class SqliteBusyTimeoutTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "bitgrid-busy-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public void EveryConnectionOrleansOpensWaitsInsideSqliteForABusyFilePooledOrNew()
    {
        var database = Database();
        SqliteConnection.ClearAllPools();

        using DbConnection fresh = database.DataSource.CreateConnection();
        fresh.Open();
        Assert.Equal(SqliteDatabase.BusyTimeout.TotalMilliseconds, Scalar(fresh, "PRAGMA busy_timeout;"));
        fresh.Close();
        // The same connection again, handed back by the pool.
        fresh.Open();
        Assert.Equal(SqliteDatabase.BusyTimeout.TotalMilliseconds, Scalar(fresh, "PRAGMA busy_timeout;"));
    }

    [Fact]
    public async Task ASecondWriterWaitsForTheFirstWritersTransactionAndThenSucceeds()
    {
        var database = Database();
        using var first = database.Open();
        using var holding = first.BeginTransaction(deferred: false);
        Exec(first, "INSERT INTO t (v) VALUES (1);");

        // Opened as Orleans opens its connections: from the data source, on a thread of its own.
        var second = Task.Run(async () =>
        {
            await using var connection = await database.DataSource.OpenConnectionAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "INSERT INTO t (v) VALUES (2);";
            return await command.ExecuteNonQueryAsync();
        });
        // Without a busy wait the second writer fails at once; with it, it is still waiting here.
        await Task.WhenAny(second, Task.Delay(300));
        Assert.False(second.IsCompleted, second.Exception?.GetBaseException().Message ?? "the second writer finished while the first held the file");

        holding.Commit();

        Assert.Equal(1, await second);
        using var reader = database.Open();
        Assert.Equal(2.0, Scalar(reader, "SELECT COUNT(*) FROM t;"));
    }

    private SqliteDatabase Database()
    {
        var database = new SqliteDatabase(Path.Combine(_dir, "busy.db"));
        database.Apply("grain-state.sql");
        using var connection = database.Open();
        Exec(connection, "CREATE TABLE IF NOT EXISTS t (v INTEGER NOT NULL);");
        return database;
    }

    private static void Exec(DbConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static double Scalar(DbConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToDouble(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }
}
