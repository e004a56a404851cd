using BitGridAI.Cli.Tests.Support;
using BitGridAI.Storage;
using BitGridAI.Storage.Access;

namespace BitGridAI.Cli.Tests.Tokens;

/// <summary><c>bitgrid token</c>: tokens for the API in the silo's data directory, shown once, kept as a hash.</summary>
public sealed class TokenCommandTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public TokenCommandTests() => new TokenStore(new SqliteDatabase(TokenStore.PathIn(_dir.Path)), TimeProvider.System).CreateFirstAdmin();

    public void Dispose() => _dir.Dispose();

    private TokenStore Store => new(new SqliteDatabase(TokenStore.PathIn(_dir.Path)), TimeProvider.System);

    [Fact]
    public void CreateMakesATokenOfTheRoleThatTheStoreKnowsAndPrintsItOnce()
    {
        var result = Bitgrid.Run("token", "create", "--role", "operator", "--name", "kitchen", "--data-dir", _dir.Path);

        Assert.Equal(0, result.ExitCode);
        var token = Assert.Single(result.OutLines).Split(": ")[1];
        Assert.Equal(("kitchen", ApiRole.Operator), (Store.Find(token)!.Name, Store.Find(token)!.Role));
        Assert.Contains("only its hash is kept", Assert.Single(result.ErrLines), StringComparison.Ordinal);
    }

    [Fact]
    public void ListShowsNamesAndRolesButNoTokenAndRevokeEndsOne()
    {
        var token = Bitgrid.Run("token", "create", "--role", "viewer", "--name", "ha", "--data-dir", _dir.Path).OutLines[0].Split(": ")[1];

        var revoke = Bitgrid.Run("token", "revoke", "ha", "--data-dir", _dir.Path);
        var list = Bitgrid.Run("token", "list", "--data-dir", _dir.Path);

        Assert.Equal(0, revoke.ExitCode);
        Assert.Null(Store.Find(token));
        Assert.Equal(2, list.OutLines.Count);
        Assert.Contains(list.OutLines, l => l.StartsWith("ha ", StringComparison.Ordinal) && l.Contains("viewer", StringComparison.Ordinal) && l.Contains("revoked", StringComparison.Ordinal));
        Assert.DoesNotContain(list.OutLines, l => l.Contains(TokenStore.Prefix, StringComparison.Ordinal));
    }

    [Fact]
    public void ATokenMadeForSomeDaysShowsItsExpiryAndBadDaysAreExit2()
    {
        var result = Bitgrid.Run("token", "create", "--role", "viewer", "--name", "guest", "--days", "7", "--data-dir", _dir.Path);
        var list = Bitgrid.Run("token", "list", "--data-dir", _dir.Path);

        Assert.Equal(0, result.ExitCode);
        var guest = Store.List().Single(t => t.Name == "guest");
        var expires = guest.ExpiresAt!.Value;
        Assert.Equal(guest.CreatedAt + TimeSpan.FromDays(7), expires);
        Assert.Contains(list.OutLines, l => l.StartsWith("guest ", StringComparison.Ordinal) && l.Contains($"expires {expires:yyyy-MM-dd HH:mm}Z", StringComparison.Ordinal));
        foreach (var bad in (string[])["0", "-1", "soon", "5000", "NaN"])
        {
            var refused = Bitgrid.Run("token", "create", "--role", "viewer", "--name", $"bad{bad}", "--days", bad, "--data-dir", _dir.Path);
            Assert.Equal(2, refused.ExitCode);
            Assert.Contains("--days", Assert.Single(refused.ErrLines), StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("--role", "root", "--role: must be viewer, operator or admin (got 'root')")]
    [InlineData("--name", "admin", "--role: must be viewer, operator or admin (got '')")]
    public void ABadRoleIsExit2NamingIt(string option, string value, string expected)
    {
        var result = Bitgrid.Run("token", "create", option, value, "--data-dir", _dir.Path);

        Assert.Equal(2, result.ExitCode);
        Assert.EndsWith(expected, Assert.Single(result.ErrLines), StringComparison.Ordinal);
    }

    [Fact]
    public void ATakenNameOrAnUnknownRevokeIsExit2()
    {
        Assert.Equal(2, Bitgrid.Run("token", "create", "--role", "admin", "--name", "admin", "--data-dir", _dir.Path).ExitCode);
        Assert.Equal(2, Bitgrid.Run("token", "revoke", "nobody", "--data-dir", _dir.Path).ExitCode);
    }

    [Fact]
    public void ADirectoryWithoutATokenStoreIsExit2AndNothingIsCreated()
    {
        var elsewhere = Path.Combine(_dir.Path, "typo");

        var result = Bitgrid.Run("token", "create", "--role", "admin", "--data-dir", elsewhere);

        Assert.Equal(2, result.ExitCode);
        Assert.False(Directory.Exists(elsewhere));
    }
}
