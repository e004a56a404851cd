using BitGridAI.Storage.Access;
using Microsoft.Extensions.Time.Testing;

namespace BitGridAI.Storage.Tests.Access;

public sealed class TokenStoreTests : IDisposable
{
    private readonly TempDir _dir = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 29, 12, 0, 0, TimeSpan.Zero));

    public void Dispose() => _dir.Dispose();

    private TokenStore NewStore() => new(new SqliteDatabase(TokenStore.PathIn(_dir.Path)), _time);

    [Fact]
    public void TheFirstStartMakesOneAdminTokenAndOnlyOnce()
    {
        var first = NewStore().CreateFirstAdmin();
        var second = NewStore().CreateFirstAdmin();

        Assert.StartsWith(TokenStore.Prefix, first, StringComparison.Ordinal);
        Assert.Null(second);
        Assert.Equal(ApiRole.Admin, NewStore().Find(first)!.Role);
    }

    [Fact]
    public void OnlyTheHashIsStoredSoTheFileLetsNobodyIn()
    {
        var store = NewStore();
        var admin = store.CreateFirstAdmin()!;
        var operatorToken = store.Create("kitchen-tablet", ApiRole.Operator);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();

        var bytes = File.ReadAllBytes(TokenStore.PathIn(_dir.Path)).Concat(File.Exists(TokenStore.PathIn(_dir.Path) + "-wal") ? File.ReadAllBytes(TokenStore.PathIn(_dir.Path) + "-wal") : []).ToArray();
        var text = System.Text.Encoding.Latin1.GetString(bytes);

        Assert.DoesNotContain(admin[TokenStore.Prefix.Length..], text, StringComparison.Ordinal);
        Assert.DoesNotContain(operatorToken[TokenStore.Prefix.Length..], text, StringComparison.Ordinal);
        Assert.Contains("kitchen-tablet", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("bgt_")]
    [InlineData("bgt_not-a-real-token")]
    [InlineData("Bearer bgt_x")]
    [InlineData("\u0000\u0001")]
    public void AnUnknownOrMalformedTokenIsNobody(string? token)
    {
        var store = NewStore();
        store.CreateFirstAdmin();

        Assert.Null(store.Find(token));
    }

    [Fact]
    public void ARevokedTokenStopsWorkingAtOnce()
    {
        var store = NewStore();
        var token = store.Create("ha", ApiRole.Viewer);
        Assert.NotNull(store.Find(token));

        Assert.True(store.Revoke("ha"));

        Assert.Null(store.Find(token));
        Assert.False(store.Revoke("ha"));
        Assert.Equal(_time.GetUtcNow(), store.List().Single().RevokedAt);
    }

    [Fact]
    public void ATokenWithALifetimeStopsWorkingWhenItEnds()
    {
        var store = NewStore();
        var token = store.Create("guest", ApiRole.Viewer, TimeSpan.FromDays(7));

        _time.Advance(TimeSpan.FromDays(7) - TimeSpan.FromSeconds(1));
        Assert.Equal("guest", store.Find(token)?.Name);
        _time.Advance(TimeSpan.FromSeconds(1));

        Assert.Null(store.Find(token));
        Assert.Equal(new DateTimeOffset(2026, 12, 6, 12, 0, 0, TimeSpan.Zero), store.List().Single().ExpiresAt);
        Assert.Throws<ArgumentException>(() => store.Create("forever", ApiRole.Viewer, TimeSpan.Zero));
    }

    [Fact]
    public void AStoreFromBeforeLifetimesGainsTheColumnAndKeepsItsTokens()
    {
        var path = TokenStore.PathIn(_dir.Path);
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            using var create = connection.CreateCommand();
            create.CommandText = """
                CREATE TABLE api_token (name TEXT PRIMARY KEY, role TEXT NOT NULL, token_hash BLOB NOT NULL UNIQUE, created_at TEXT NOT NULL, revoked_at TEXT);
                INSERT INTO api_token VALUES ('old', 'admin', x'00', '2026-01-01T00:00:00.0000000Z', NULL);
                """;
            create.ExecuteNonQuery();
        }

        var store = NewStore();

        var old = store.List().Single();
        Assert.Equal(("old", ApiRole.Admin, (DateTimeOffset?)null), (old.Name, old.Role, old.ExpiresAt));
        Assert.NotNull(store.Find(store.Create("new", ApiRole.Viewer, TimeSpan.FromHours(1))));
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("line\nbreak")]
    public void ABadNameIsRefusedNamingIt(string name) =>
        Assert.Contains("token name", Assert.Throws<ArgumentException>(() => NewStore().Create(name, ApiRole.Viewer)).Message, StringComparison.Ordinal);

    [Fact]
    public void ATakenNameIsRefused()
    {
        var store = NewStore();
        store.Create("ha", ApiRole.Viewer);

        Assert.Contains("'ha' is taken", Assert.Throws<ArgumentException>(() => store.Create("ha", ApiRole.Admin)).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ApiRole.Viewer, ApiRole.Viewer, true)]
    [InlineData(ApiRole.Viewer, ApiRole.Operator, false)]
    [InlineData(ApiRole.Operator, ApiRole.Operator, true)]
    [InlineData(ApiRole.Operator, ApiRole.Admin, false)]
    [InlineData(ApiRole.Admin, ApiRole.Operator, true)]
    [InlineData(ApiRole.Admin, ApiRole.Admin, true)]
    public void RolesNest(ApiRole held, ApiRole needed, bool allowed) => Assert.Equal(allowed, held.Allows(needed));
}
