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
}
