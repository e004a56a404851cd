using Microsoft.Data.Sqlite;

namespace BitGridAI.Storage;

/// <summary>
/// One SQLite file of the data directory: its connection string and the schema scripts shipped in this
/// assembly. A locked, unreadable or corrupt file fails here, at start, with the path and SQLite's reason.
/// </summary>
public sealed class SqliteDatabase
{
    /// <param name="path">The file.</param>
    /// <param name="create">False: the file must exist (a console command pointed at a mistyped directory must not create an empty log there).</param>
    public SqliteDatabase(string path, bool create = true)
    {
        Path = System.IO.Path.GetFullPath(path);
        ConnectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = create ? SqliteOpenMode.ReadWriteCreate : SqliteOpenMode.ReadWrite,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            // Seconds a statement waits for another writer before it fails with "database is locked".
            DefaultTimeout = 30,
        }.ToString();
        DataSource = new BusyWaitingSqliteDataSource(ConnectionString, BusyTimeout);
    }

    /// <summary>How long a statement waits inside SQLite for another writer before it fails with "database is locked".</summary>
    public static readonly TimeSpan BusyTimeout = TimeSpan.FromSeconds(10);

    public string Path { get; }

    public string ConnectionString { get; }

    /// <summary>Runs an embedded schema script (idempotent) and checks the file's integrity.</summary>
    public void Apply(string scriptName)
    {
        var script = ReadScript(scriptName);
        try
        {
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
            using var connection = Open();
            using (var check = connection.CreateCommand())
            {
                check.CommandText = "PRAGMA quick_check;";
                var verdict = check.ExecuteScalar() as string;
                if (verdict != "ok")
                {
                    throw new StorageException($"the database '{Path}' is damaged (SQLite quick_check: {verdict}); restore it from a backup or move it away to start empty");
                }
            }
            using var command = connection.CreateCommand();
            command.CommandText = script;
            command.ExecuteNonQuery();
        }
        catch (SqliteException e)
        {
            throw new StorageException($"cannot use the database '{Path}': {Explain(e)}", e);
        }
        catch (IOException e)
        {
            throw new StorageException($"cannot use the database '{Path}': {e.Message}", e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new StorageException($"cannot use the database '{Path}': {e.Message}", e);
        }
    }

    /// <summary>Where every connection to this file comes from, ours and Orleans' alike (see <see cref="BusyWaitingSqliteDataSource"/>).</summary>
    public BusyWaitingSqliteDataSource DataSource { get; }

    /// <summary>
    /// Opens a connection with synchronous = NORMAL (WAL commits survive a crash of the process without an
    /// fsync each) and SQLite's own busy wait (fine-grained, unlike the driver's 150 ms retry).
    /// </summary>
    public SqliteConnection Open() => (SqliteConnection)DataSource.OpenConnection();

    private static string Explain(SqliteException e) => e.SqliteErrorCode switch
    {
        5 or 6 => "it is locked by another process (is another silo using this data directory?)",
        11 or 26 => "it is not a valid SQLite database or is damaged; restore it from a backup or move it away to start empty",
        14 => "the file cannot be opened (check the path and permissions)",
        _ => e.Message,
    };

    private static string ReadScript(string name)
    {
        using var stream = typeof(SqliteDatabase).Assembly.GetManifestResourceStream($"BitGridAI.Storage.Sql.{name}")
            ?? throw new InvalidOperationException($"schema script '{name}' is not embedded");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
