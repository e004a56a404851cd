using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using BitGridAI.Storage.Tests.Postgres;
using Xunit.Abstractions;

namespace BitGridAI.Silo.Tests.Cluster;

/// <summary>
/// Two real silo processes in cluster mode on a private PostgreSQL: both join as Active, the site keeps deciding
/// on whichever silo hosts its grain, and after a SIGKILL of that silo the other one takes the site over.
/// </summary>
public sealed partial class ClusterModeTests(PrivatePostgres postgres, ITestOutputHelper output) : IClassFixture<PrivatePostgres>
{
    [Fact]
    public async Task Two_silos_join_and_the_survivor_takes_the_site_over_after_a_sigkill()
    {
        var connection = await postgres.CreateDatabaseAsync();
        var root = Directory.CreateTempSubdirectory("bitgrid-cluster-").FullName;
        var (siloPort1, gatewayPort1, siloPort2, gatewayPort2) = (SiloProcess.FreePort(), SiloProcess.FreePort(), SiloProcess.FreePort(), SiloProcess.FreePort());
        string[] common = [$"--Cluster:Connection={connection}", "--Silo:ServiceId=bitgrid-test", "--Silo:ClusterId=lan-test"];
        await using var first = SiloProcess.Start(Path.Combine(root, "a"), [.. common, $"--Silo:SiloPort={siloPort1}", $"--Silo:GatewayPort={gatewayPort1}"]);
        await first.WaitForAsync(s => s.BlockLines.Count >= 1, TimeSpan.FromSeconds(90), "the first silo's first block");
        // The same site definition, pointed at the first silo's simulator; no simulator of its own.
        await using var second = SiloProcess.Start(Path.Combine(root, "b"),
        [
            .. common, $"--Silo:SiloPort={siloPort2}", $"--Silo:GatewayPort={gatewayPort2}", .. ClusterSilos.OnSimulatorOf(first),
        ]);
        await second.WaitForAsync(s => s.Lines.Any(l => l.StartsWith("API and dashboard on", StringComparison.Ordinal)), TimeSpan.FromSeconds(90), "the second silo's start");

        // Both silos Active (3) in the membership table.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        List<(int Port, int Status)> members;
        while (true)
        {
            members = await ClusterSilos.MembersAsync(connection);
            if (members.Count(m => m.Status == 3) == 2 || DateTime.UtcNow > deadline)
            {
                break;
            }
            await Task.Delay(500);
        }
        Assert.Equal([siloPort1, siloPort2], members.Where(m => m.Status == 3).Select(m => m.Port).Order());

        // The site keeps deciding on whichever silo hosts it.
        var blocksBefore = first.BlockLines.Count + second.BlockLines.Count;
        await ClusterSilos.WaitAsync(() => first.BlockLines.Count + second.BlockLines.Count >= blocksBefore + 2, TimeSpan.FromSeconds(60), "two more blocks", first, second);

        // Where the site grain lives, asked of either silo's API.
        var host = await SiteHostPortAsync(first);
        Assert.Contains(host, new[] { siloPort1, siloPort2 });
        var (victim, survivor) = host == siloPort1 ? (first, second) : (second, first);
        var survivorBlocks = survivor.BlockLines.Count;
        var killed = Stopwatch.StartNew();
        await victim.KillAsync(TimeSpan.FromSeconds(10));

        await ClusterSilos.WaitAsync(() => survivor.BlockLines.Count > survivorBlocks, TimeSpan.FromSeconds(60), "a block decided on the survivor after the SIGKILL", survivor);
        Assert.True(killed.Elapsed < TimeSpan.FromSeconds(60), $"took over in {killed.Elapsed.TotalSeconds:0.0} s");
        output.WriteLine($"site grain was on silo port {host} ({(victim == first ? "first" : "second")} silo); survivor decided again {killed.Elapsed.TotalSeconds:0.0} s after the SIGKILL: {survivor.BlockLines[^1]}");
    }

    [Fact]
    public async Task An_unreachable_PostgreSQL_at_start_is_retried_with_a_line_naming_host_and_port()
    {
        var closed = SiloProcess.FreePort();
        var dir = Directory.CreateTempSubdirectory("bitgrid-cluster-").FullName;
        await using var silo = SiloProcess.Start(dir, $"--Cluster:Connection=Host=127.0.0.1;Port={closed};Username=bitgrid;Database=bitgrid;Timeout=2");
        await silo.WaitForAsync(s => s.Lines.Count(l => l.Contains($"PostgreSQL is unreachable at 127.0.0.1:{closed}", StringComparison.Ordinal) && l.Contains("retrying", StringComparison.Ordinal)) >= 2,
            TimeSpan.FromSeconds(30), "two retry lines");
        Assert.Empty(silo.Errors);
        await silo.KillAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task A_bad_connection_string_stops_the_start_with_one_line()
    {
        var dir = Directory.CreateTempSubdirectory("bitgrid-cluster-").FullName;
        await using var silo = SiloProcess.Start(dir, "--Cluster:Connection=Port=5432;Username=x");
        Assert.Equal(2, await silo.ExitCodeAsync(TimeSpan.FromSeconds(60)));
        var line = Assert.Single(silo.Errors, l => l.Length > 0);
        Assert.Contains("Cluster:Connection", line, StringComparison.Ordinal);
    }

    /// <summary>The silo port of the silo hosting the site grain, from GET /api/v1/grains with the admin token printed at the first start.</summary>
    private static async Task<int> SiteHostPortAsync(SiloProcess silo)
    {
        var token = silo.Lines.First(l => l.StartsWith("admin token: ", StringComparison.Ordinal))["admin token: ".Length..].Trim();
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{silo.ApiPort}") };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var json = await client.GetStringAsync("/api/v1/grains");
            if (SiteGrain().Match(json) is { Success: true } match)
            {
                return int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            }
            Assert.True(DateTime.UtcNow < deadline, $"no site grain in {json}");
            await Task.Delay(500);
        }
    }

    [GeneratedRegex("\"type\":\\s*\"site\",\\s*\"key\":\\s*\"[^\"]*\",\\s*\"silo\":\\s*\"S[^:]+:(\\d+):")]
    private static partial Regex SiteGrain();
}
