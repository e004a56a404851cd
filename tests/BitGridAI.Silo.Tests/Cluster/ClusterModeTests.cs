namespace BitGridAI.Silo.Tests.Cluster;

/// <summary>
/// Cluster mode's start: an unreachable PostgreSQL is retried with a line naming it, a bad connection string stops the
/// start (the failover itself: <see cref="ClusterFailoverTests"/>).
/// </summary>
public sealed class ClusterModeTests
{
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

    [Fact]
    public async Task Sites_sharing_a_device_id_or_a_missing_site_file_stop_the_start_naming_them()
    {
        var dir = Directory.CreateTempSubdirectory("bitgrid-cluster-").FullName;
        var sites = Path.Combine(AppContext.BaseDirectory, "silo-config", "sites");
        Directory.CreateDirectory(Path.Combine(dir, "sites"));
        File.Copy(Path.Combine(sites, "home.json"), Path.Combine(dir, "sites", "home.json"));
        // A second site that reuses home's device ids: a device grain is found by its id alone.
        File.WriteAllText(Path.Combine(dir, "sites", "lab.json"), File.ReadAllText(Path.Combine(sites, "home.json")).Replace("\"Id\": \"home\"", "\"Id\": \"lab\"", StringComparison.Ordinal));
        File.Copy(Path.Combine(AppContext.BaseDirectory, "silo-config", "cluster.json"), Path.Combine(dir, "cluster.json"));
        string[] common = ["--config", Path.Combine(dir, "cluster.json"), "--Cluster:Connection=Host=127.0.0.1;Port=1;Username=b"];

        await using (var shared = SiloProcess.Start(Path.Combine(dir, "a"), [.. common, "--Cluster:Sites:0=sites/home.json", "--Cluster:Sites:1=sites/lab.json"]))
        {
            Assert.Equal(2, await shared.ExitCodeAsync(TimeSpan.FromSeconds(60)));
            var line = Assert.Single(shared.Errors, l => l.Length > 0);
            Assert.Contains("device id 'miner-1' is used by sites home and lab", line, StringComparison.Ordinal);
        }
        await using var missing = SiloProcess.Start(Path.Combine(dir, "b"), [.. common, "--Cluster:Sites:0=sites/home.json", "--Cluster:Sites:1=sites/none.json"]);
        Assert.Equal(2, await missing.ExitCodeAsync(TimeSpan.FromSeconds(60)));
        Assert.Contains("Cluster:Sites:1: the site file", Assert.Single(missing.Errors, l => l.Length > 0), StringComparison.Ordinal);
    }
}
