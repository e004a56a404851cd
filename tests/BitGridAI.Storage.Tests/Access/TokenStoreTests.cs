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
