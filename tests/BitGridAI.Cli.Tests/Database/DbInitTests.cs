using System.Net;
using System.Net.Sockets;
using BitGridAI.Cli.Tests.Support;
using BitGridAI.Storage.Tests.Postgres;

namespace BitGridAI.Cli.Tests.Database;

/// <summary><c>bitgrid db init</c> against a private PostgreSQL: creates the tables once, is idempotent, and fails in one line.</summary>
public sealed class DbInitTests(PrivatePostgres server) : IClassFixture<PrivatePostgres>
{
    [Fact]
    public async Task InitCreatesTheTablesAndQueriesAndASecondRunFindsThemThere()
    {
        var connection = await server.CreateDatabaseAsync();

        var first = Bitgrid.Run("db", "init", "--connection", connection);
        var second = Bitgrid.Run("db", "init", "--connection", connection);

        Assert.Equal((0, ""), (first.ExitCode, first.Err));
        Assert.Contains($"PostgreSQL 127.0.0.1:{server.Port}, database", first.OutLines[0], StringComparison.Ordinal);
        Assert.Equal("tables created: bitgrid_event_log, bitgrid_grain_state, bitgrid_membership, bitgrid_membership_version, bitgrid_reminders, orleansquery", first.OutLines[1]);
        Assert.Equal("named queries in orleansquery: 21", first.OutLines[3]);
        Assert.Equal((0, "tables created: none (all were there)"), (second.ExitCode, second.OutLines[1]));
    }

    [Fact]
    public void AnUnreachableServerIsExitFiveNamingHostAndPort()
    {
        int port;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        var result = Bitgrid.Run("db", "init", "--connection", $"Host=127.0.0.1;Port={port};Username=u;Database=d");

        Assert.Equal(5, result.ExitCode);
        Assert.Equal($"bitgrid db init: PostgreSQL is unreachable at 127.0.0.1:{port}: connection refused (is PostgreSQL running and listening on that address?)", Assert.Single(result.ErrLines));
    }

    [Theory]
    [InlineData("Host=a;;=b")]
    [InlineData("Port=5432;Username=u")]
    [InlineData("Nonsense=1")]
    public void ABadConnectionStringIsExitTwoInOneLine(string connection)
    {
        var result = Bitgrid.Run("db", "init", "--connection", connection);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("bitgrid db: --connection: ", Assert.Single(result.ErrLines), StringComparison.Ordinal);
    }

    [Fact]
    public void WithoutAConnectionItIsExitTwo()
    {
        var result = Bitgrid.RunWithEnvironment(new Dictionary<string, string?>(), "db", "init");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--connection", Assert.Single(result.ErrLines), StringComparison.Ordinal);
    }
}
