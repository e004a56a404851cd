namespace BitGridAI.Storage.Tests;

/// <summary>A data directory of its own per test, removed afterwards.</summary>
internal sealed class TempDir : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("bitgrid-storage-").FullName;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // a file still held open by a pooled connection on another thread; the temp cleaner takes it
        }
    }
}
