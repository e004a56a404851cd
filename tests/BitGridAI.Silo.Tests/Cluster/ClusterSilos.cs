using Npgsql;

namespace BitGridAI.Silo.Tests.Cluster;

/// <summary>What the cluster tests share: the membership table, waiting on several silos, a second silo on the first one's simulator.</summary>
internal static class ClusterSilos
{
    /// <summary>Status 3 in <c>bitgrid_membership</c>: an Active silo.</summary>
    public const int Active = 3;

    /// <summary>Every silo incarnation in the membership table: its silo port and status (none before the first silo made the table).</summary>
    public static async Task<List<(int Port, int Status)>> MembersAsync(string connection)
    {
        await using var db = new NpgsqlConnection(connection);
        await db.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT port, status FROM bitgrid_membership;", db);
        var members = new List<(int, int)>();
        NpgsqlDataReader reader;
        try
        {
            reader = await command.ExecuteReaderAsync();
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            return members; // no silo has applied the scripts yet
        }
        await using var _ = reader;
        while (await reader.ReadAsync())
        {
            members.Add((reader.GetInt32(0), reader.GetInt32(1)));
        }
        return members;
    }

    /// <summary>The silo ports that are Active, once <paramref name="count"/> of them are or the timeout passed.</summary>
    /// <param name="connection">The cluster's database.</param>
    /// <param name="count">How many Active silos to wait for.</param>
    /// <param name="timeout">How long to wait.</param>
    public static async Task<List<int>> ActivePortsAsync(string connection, int count, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var active = (await MembersAsync(connection)).Where(m => m.Status == Active).Select(m => m.Port).Order().ToList();
            if (active.Count >= count || DateTime.UtcNow > deadline)
            {
                return active;
            }
            await Task.Delay(500);
        }
    }

    /// <summary>
    /// The arguments that make a silo run the same site on the simulator of <paramref name="first"/>, without one
    /// of its own (only one silo of a site may run the simulator).
    /// </summary>
    /// <param name="first">The silo that runs the simulator.</param>
    public static string[] OnSimulatorOf(SiloProcess first) =>
    [
        "--Simulator:Enabled=false",
        $"--Site:Devices:0:Port={first.ModbusPort}", $"--Site:Devices:1:Port={first.ModbusPort}",
        $"--Site:Devices:2:Port={first.ModbusPort}", $"--Site:Devices:3:Port={first.MinerApiPort}",
        .. IsolatedSilo.FleetArgs(first.Ports!.LuxOsApiPort, first.Ports.BitaxeApiPort, simulated: false),
    ];

    /// <summary>Waits for a condition over several silos; on timeout fails with each silo's last lines.</summary>
    /// <param name="condition">What to wait for.</param>
    /// <param name="timeout">How long to wait.</param>
    /// <param name="what">The condition in words, for the failure.</param>
    /// <param name="silos">The silos whose lines explain a failure.</param>
    public static async Task WaitAsync(Func<bool> condition, TimeSpan timeout, string what, params SiloProcess[] silos)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"{what} did not happen within {timeout.TotalSeconds} s.\n" + string.Join("\n---\n",
                    silos.Select(s => "stdout:\n" + string.Join('\n', s.Lines.TakeLast(20)) + "\nstderr:\n" + string.Join('\n', s.Errors.TakeLast(20)))));
            }
            await Task.Delay(100);
        }
    }
}
