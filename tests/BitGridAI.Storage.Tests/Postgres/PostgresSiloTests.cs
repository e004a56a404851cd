using System.Net;
using System.Net.Sockets;
using BitGridAI.Storage.Postgres;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Orleans.Configuration;

namespace BitGridAI.Storage.Tests.Postgres;

/// <summary>
/// Orleans on our PostgreSQL scripts: the scripts apply twice; a silo with ADO.NET membership, reminders and grain
/// state (invariant Npgsql) joins as Active, writes state and a reminder; a second silo, after the first stopped,
/// reads the state back. Each test gets its own database on one private server.
/// </summary>
public sealed class PostgresSiloTests(PrivatePostgres server) : IClassFixture<PrivatePostgres>
{
    public const string Storage = "bitgrid";
    private const string ServiceId = "bitgrid-pg-tests";

    [Fact]
    public async Task TheScriptsApplyTwiceAndFillEveryNamedQueryTheProvidersCall()
    {
        var database = new PostgresDatabase(await server.CreateDatabaseAsync());

        var first = await database.ApplyAsync();
        var second = await database.ApplyAsync();

        Assert.Equal(["bitgrid_event_log", "bitgrid_grain_state", "bitgrid_membership", "bitgrid_membership_version", "bitgrid_reminders", "orleansquery"], first.Created.Order());
        Assert.Empty(second.Created);
        // Every key the 10.4.2 providers look up (a missing one fails the silo at start).
        string[] keys =
        [
            "GatewaysQueryKey", "MembershipReadRowKey", "MembershipReadAllKey", "InsertMembershipVersionKey", "UpdateIAmAlivetimeKey",
            "InsertMembershipKey", "UpdateMembershipKey", "DeleteMembershipTableEntriesKey", "CleanupDefunctSiloEntriesKey", "CleanupDefunctSiloEntryKey",
            "ReadReminderRowsKey", "ReadReminderRowKey", "ReadRangeRows1Key", "ReadRangeRows2Key", "UpsertReminderRowKey", "DeleteReminderRowKey", "DeleteReminderRowsKey",
            "ReadFromStorageKey", "WriteToStorageKey", "ClearStorageKey", "DeleteStorageKey",
        ];
        Assert.Equal(keys.Order(), second.Queries.Order());
    }

    [Fact]
    public void TheConnectionStringGetsABoundedPoolUnlessItSetsOne()
    {
        Assert.Contains("Maximum Pool Size=20", new PostgresDatabase("Host=db;Username=u").ConnectionString, StringComparison.Ordinal);
        Assert.Contains("Maximum Pool Size=7", new PostgresDatabase("Host=db;Username=u;Maximum Pool Size=7").ConnectionString, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new PostgresDatabase("Port=5;Username=u"));
        Assert.Throws<ArgumentException>(() => new PostgresDatabase("Host=a;;=b"));
    }

    [Fact]
    public async Task AnUnreachableServerFailsClearlyNamingHostAndPortAndIsRetriedWithBackoff()
    {
        var port = FreePort();
        var database = new PostgresDatabase($"Host=127.0.0.1;Port={port};Username=u;Database=d;Timeout=3");
        var retries = new List<TimeSpan>();

        // 5.5 s leave room for the 1 s and 2 s waits however slow the refused attempts are on a loaded machine, and none
        // for the 4 s wait that would come next.
        var error = await Assert.ThrowsAsync<PostgresUnreachableException>(() => database.ApplyWithRetryAsync(TimeSpan.FromSeconds(5.5), (_, delay) => retries.Add(delay)));

        Assert.Equal($"127.0.0.1:{port}", error.Endpoint);
        Assert.Equal($"PostgreSQL is unreachable at 127.0.0.1:{port}: connection refused (is PostgreSQL running and listening on that address?)", error.Message);
        Assert.Equal([TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)], retries);
    }

    [Fact]
    public async Task ASiloJoinsAsActiveWritesStateAndAReminderAndTheNextSiloReadsTheStateBack()
    {
        var connectionString = await server.CreateDatabaseAsync();
        var database = new PostgresDatabase(connectionString);
        await database.ApplyAsync();
        const string cluster = "pg-tests";

        var (siloPort, gatewayPort) = (FreePort(), FreePort());
        using (var first = StartSilo(database, cluster, siloPort, gatewayPort))
        {
            await first.StartAsync();
            var member = await QueryAsync(connectionString,
                $"SELECT status FROM bitgrid_membership WHERE deploymentid = '{cluster}' AND port = {siloPort}");
            Assert.Equal([3], member); // SiloStatus.Active

            var grains = first.Services.GetRequiredService<IGrainFactory>();
            await grains.GetGrain<IProbeGrain>("site-a").Set("written by the first silo");
            await grains.GetGrain<IProbeGrain>("site-a").Remind("wake");
            Assert.Equal([1], await QueryAsync(connectionString,
                $"SELECT count(*)::int FROM bitgrid_reminders WHERE serviceid = '{ServiceId}' AND remindername = 'wake' AND grainid LIKE '%site-a%' AND period = 3600000"));
            Assert.Equal([1], await QueryAsync(connectionString,
                $"SELECT count(*)::int FROM bitgrid_grain_state WHERE serviceid = '{ServiceId}' AND grainidextension LIKE '%site-a%' AND payload IS NOT NULL"));
            await first.StopAsync();
        }
        Assert.Equal([6], await QueryAsync(connectionString,
            $"SELECT status FROM bitgrid_membership WHERE deploymentid = '{cluster}' AND port = {siloPort}")); // Dead after a clean stop

        using var second = StartSilo(database, cluster, FreePort(), FreePort());
        await second.StartAsync();
        var value = await second.Services.GetRequiredService<IGrainFactory>().GetGrain<IProbeGrain>("site-a").Get();
        await second.StopAsync();

        Assert.Equal("written by the first silo", value);
    }

    private static IHost StartSilo(PostgresDatabase database, string cluster, int siloPort, int gatewayPort)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleans(silo =>
        {
            silo.Configure<ClusterOptions>(o => (o.ServiceId, o.ClusterId) = (ServiceId, cluster));
            silo.ConfigureEndpoints(IPAddress.Loopback, siloPort, gatewayPort);
            silo.UseAdoNetClustering(o => (o.Invariant, o.ConnectionString) = (PostgresDatabase.Invariant, database.ConnectionString));
            silo.UseAdoNetReminderService(o => (o.Invariant, o.ConnectionString) = (PostgresDatabase.Invariant, database.ConnectionString));
            silo.AddAdoNetGrainStorage(Storage, o => (o.Invariant, o.ConnectionString) = (PostgresDatabase.Invariant, database.ConnectionString));
        });
        return builder.Build();
    }

    private static async Task<List<int>> QueryAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<int>();
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetInt32(0));
        }
        return values;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
