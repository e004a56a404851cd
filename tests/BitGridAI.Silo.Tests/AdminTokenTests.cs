using BitGridAI.Storage;
using BitGridAI.Storage.Access;

namespace BitGridAI.Silo.Tests;

/// <summary>The first start prints the admin token once, on its own line; the store keeps only its hash; a restart prints none.</summary>
public sealed class AdminTokenTests : IDisposable
{
    private readonly string _dataDir = Directory.CreateTempSubdirectory("bitgrid-token-").FullName;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dataDir, recursive: true);
    }

    [Fact]
    public void TheFirstStartPrintsTheAdminTokenOnceAndARestartDoesNot()
    {
        var first = new StringWriter();
        var second = new StringWriter();

        using (SiloHost.Build(["--data-dir", _dataDir, $"--Mqtt:Port={SiloProcess.FreePort()}"], first))
        {
        }
        using (SiloHost.Build(["--data-dir", _dataDir, $"--Mqtt:Port={SiloProcess.FreePort()}"], second))
        {
        }

        var line = Assert.Single(first.ToString().Split('\n'), l => l.StartsWith("admin token: ", StringComparison.Ordinal)).TrimEnd('\r');
        var token = line["admin token: ".Length..];
        Assert.Equal(ApiRole.Admin, new TokenStore(new SqliteDatabase(TokenStore.PathIn(_dataDir)), TimeProvider.System).Find(token)!.Role);
        Assert.DoesNotContain("admin token", second.ToString(), StringComparison.Ordinal);
    }
}
