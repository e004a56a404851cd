using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using BitGridAI.Storage;
using BitGridAI.Storage.Access;

namespace BitGridAI.Silo.Tests.Api;

/// <summary>
/// A real silo process (simulated site at 600×: a block per second) with its API on a free port, its admin token
/// as printed at first start, and an operator and a viewer token made in its data directory.
/// </summary>
public class ApiSilo : IAsyncLifetime
{
    private readonly string _dataDir = Directory.CreateTempSubdirectory("bitgrid-api-").FullName;
    private SiloProcess _silo = null!;

    public string DataDir => _dataDir;

    public string AdminToken { get; private set; } = "";

    public string OperatorToken { get; private set; } = "";

    public string ViewerToken { get; private set; } = "";

    public Uri BaseAddress => new($"http://127.0.0.1:{_silo.ApiPort}");

    internal SiloProcess Process => _silo;

    /// <summary>Configuration a test class needs on top of the standalone defaults.</summary>
    protected virtual string[] ExtraArgs => [];

    public async Task InitializeAsync()
    {
        _silo = SiloProcess.Start(_dataDir, ExtraArgs);
        await _silo.WaitForAsync(s => s.Lines.Any(l => l.StartsWith("admin token: ", StringComparison.Ordinal)), TimeSpan.FromSeconds(60), "the admin token");
        AdminToken = _silo.Lines.First(l => l.StartsWith("admin token: ", StringComparison.Ordinal))["admin token: ".Length..].Trim();
        var tokens = new TokenStore(new SqliteDatabase(TokenStore.PathIn(_dataDir)), TimeProvider.System);
        OperatorToken = tokens.Create("ops", ApiRole.Operator);
        ViewerToken = tokens.Create("watcher", ApiRole.Viewer);
        // The API answers once the silo runs; the first decision follows within a few blocks.
        await _silo.WaitForAsync(s => s.BlockLines.Count >= 2, TimeSpan.FromSeconds(60), "two decisions");
    }

    public HttpClient Client(string? token)
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        return client;
    }

    public async Task DisposeAsync()
    {
        await _silo.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_dataDir, recursive: true);
        }
        catch (IOException)
        {
            // a file still held by the dying process: the temp directory is cleaned up later
        }
    }

    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    public static async Task<JsonElement> ReadAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>The control records of the event log, oldest first (the silo writes them one-way: wait briefly for them).</summary>
    public async Task<IReadOnlyList<JsonElement>> ControlRecordsAsync(int atLeast)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            var records = new List<JsonElement>();
            using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(_dataDir, "events.db")};Mode=ReadOnly;Pooling=False"))
            {
                connection.Open();
                using var command = connection.CreateCommand();
                command.CommandText = "SELECT body FROM event_log WHERE kind = 'control' ORDER BY position;";
                using var reader = command.ExecuteReader();
                while (reader.Read())
                {
                    records.Add(JsonDocument.Parse(reader.GetString(0)).RootElement.Clone());
                }
            }
            if (records.Count >= atLeast || DateTime.UtcNow > deadline)
            {
                return records;
            }
            await Task.Delay(200);
        }
    }
}
