using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using BitGridAI.Storage.Tests.Postgres;
using Xunit.Abstractions;

namespace BitGridAI.Silo.Tests.Cluster;

/// <summary>
/// Real silo processes in cluster mode with TLS between them, on a private PostgreSQL: silos whose certificates
/// trust each other form one cluster; a silo with a certificate the cluster does not know never becomes a member
/// while the cluster keeps deciding; a certificate that cannot be used stops the start naming the key.
/// </summary>
public sealed class ClusterTlsTests(PrivatePostgres postgres, ITestOutputHelper output) : IClassFixture<PrivatePostgres>
{
    private const string Password = "pfx-secret";

    [Fact]
    public async Task Two_silos_with_certificates_from_one_CA_form_one_cluster_and_the_site_decides()
    {
        var connection = await postgres.CreateDatabaseAsync();
        var root = Directory.CreateTempSubdirectory("bitgrid-tls-").FullName;
        using var ca = TestCertificates.Authority("BitGridAI home CA");
        using var certA = TestCertificates.Silo("silo-a", ca);
        using var certB = TestCertificates.Silo("silo-b", ca);
        var caPath = TestCertificates.WritePem(ca, Path.Combine(root, "ca.pem"));
        // One silo with a PFX, the other with a PEM certificate and key: both ways a person may have them.
        var pfxA = TestCertificates.WritePfx(certA, Path.Combine(root, "silo-a.pfx"), Password);
        var pemB = TestCertificates.WritePem(certB, Path.Combine(root, "silo-b.pem"), Path.Combine(root, "silo-b.key"));
        var (siloPortA, siloPortB) = (SiloProcess.FreePort(), SiloProcess.FreePort());

        await using var a = await StartFirstAsync(root, connection, siloPortA,
            $"--Cluster:TlsCaPath={caPath}", $"--Cluster:TlsCertificatePath={pfxA}", $"--Cluster:TlsCertificatePassword={Password}");
        await using var b = StartOnSimulatorOf(a, Path.Combine(root, "b"), connection, siloPortB,
            $"--Cluster:TlsCaPath={caPath}", $"--Cluster:TlsCertificatePath={pemB}", $"--Cluster:TlsKeyPath={Path.Combine(root, "silo-b.key")}");

        Assert.Equal([siloPortA, siloPortB], await ClusterSilos.ActivePortsAsync(connection, 2, TimeSpan.FromSeconds(90)));
        Assert.Contains(a.Lines, l => l.StartsWith("cluster: TLS between silos: this silo's certificate CN=silo-a", StringComparison.Ordinal));
        var blocksBefore = a.DecidedBlocks.Union(b.DecidedBlocks).Count();
        await ClusterSilos.WaitAsync(() => a.DecidedBlocks.Union(b.DecidedBlocks).Count() >= blocksBefore + 2, TimeSpan.FromSeconds(60), "two more blocks", a, b);
        Assert.DoesNotContain(a.Lines.Concat(b.Lines), l => l.Contains("refused a silo's TLS certificate", StringComparison.Ordinal));
        output.WriteLine(a.Lines.First(l => l.StartsWith("cluster: TLS", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_silo_whose_certificate_the_cluster_does_not_know_never_becomes_a_member_and_the_cluster_keeps_deciding()
    {
        var connection = await postgres.CreateDatabaseAsync();
        var root = Directory.CreateTempSubdirectory("bitgrid-tls-").FullName;
        using var member = TestCertificates.Silo("silo-a");
        using var stranger = TestCertificates.Silo("silo-x");
        var memberPfx = TestCertificates.WritePfx(member, Path.Combine(root, "silo-a.pfx"), Password);
        var strangerPfx = TestCertificates.WritePfx(stranger, Path.Combine(root, "silo-x.pfx"), Password);
        var (memberPort, strangerPort) = (SiloProcess.FreePort(), SiloProcess.FreePort());

        // The cluster knows only its own certificate; the stranger trusts the cluster, not the other way round.
        string[] trustMember = [$"--Cluster:TlsRemoteThumbprints={Fingerprint(member)}", $"--Cluster:TlsCertificatePassword={Password}"];
        await using var a = await StartFirstAsync(root, connection, memberPort, [.. trustMember, $"--Cluster:TlsCertificatePath={memberPfx}"]);
        await using var x = StartOnSimulatorOf(a, Path.Combine(root, "x"), connection, strangerPort, [.. trustMember, $"--Cluster:TlsCertificatePath={strangerPfx}"]);

        // The member says whom it refused, with the fingerprint a person would add if the silo were theirs.
        await ClusterSilos.WaitAsync(() => a.Lines.Any(l => l.Contains($"refused a silo's TLS certificate CN=silo-x (SHA-256 {Fingerprint(stranger)})", StringComparison.Ordinal)),
            TimeSpan.FromSeconds(90), "the member's refusal line", a, x);
        var blocksBefore = a.DecidedBlocks.Count;
        // Ten blocks (about ten seconds at ×600): long past the join attempt, the stranger is still no member.
        await ClusterSilos.WaitAsync(() => a.DecidedBlocks.Count >= blocksBefore + 10, TimeSpan.FromSeconds(60), "ten more blocks on the member", a, x);
        var members = await ClusterSilos.MembersAsync(connection);
        Assert.Equal([memberPort], members.Where(m => m.Status == ClusterSilos.Active).Select(m => m.Port));
        output.WriteLine($"stranger's rows: {string.Join(", ", members.Where(m => m.Port == strangerPort).Select(m => $"status {m.Status}"))}");
        output.WriteLine(a.Lines.First(l => l.Contains("refused", StringComparison.Ordinal)));
        foreach (var line in x.Lines.Concat(x.Errors).TakeLast(15))
        {
            output.WriteLine("stranger: " + line);
        }
    }

    [Theory]
    [InlineData("missing-file", "Cluster:TlsCertificatePath")]
    [InlineData("wrong-password", "Cluster:TlsCertificatePassword")]
    public async Task A_certificate_the_silo_cannot_use_stops_the_start_naming_the_key(string problem, string key)
    {
        var root = Directory.CreateTempSubdirectory("bitgrid-tls-").FullName;
        using var certificate = TestCertificates.Silo("silo-a");
        var pfx = TestCertificates.WritePfx(certificate, Path.Combine(root, "silo-a.pfx"), Password);
        string[] tls = problem == "missing-file"
            ? [$"--Cluster:TlsCertificatePath={Path.Combine(root, "nowhere.pfx")}", $"--Cluster:TlsCertificatePassword={Password}"]
            : [$"--Cluster:TlsCertificatePath={pfx}", "--Cluster:TlsCertificatePassword=not-the-password"];
        // Checked before the database is contacted: no server is needed to hear about a bad certificate.
        await using var silo = SiloProcess.Start(Path.Combine(root, "a"),
            [$"--Cluster:Connection=Host=127.0.0.1;Port={SiloProcess.FreePort()};Username=bitgrid;Database=bitgrid;Timeout=2", $"--Cluster:TlsRemoteThumbprints={Fingerprint(certificate)}", .. tls]);
        Assert.Equal(2, await silo.ExitCodeAsync(TimeSpan.FromSeconds(60)));
        var line = Assert.Single(silo.Errors, l => l.Length > 0);
        Assert.Contains(key, line, StringComparison.Ordinal);
        output.WriteLine(line);
    }

    /// <summary>The silo that runs the simulated site, started and past its first block.</summary>
    /// <param name="root">The test's directory (the silo's data goes to <c>a</c> below it).</param>
    /// <param name="connection">The cluster's database.</param>
    /// <param name="siloPort">Its silo-to-silo port.</param>
    /// <param name="tls">Its <c>Cluster:Tls*</c> arguments.</param>
    private static async Task<SiloProcess> StartFirstAsync(string root, string connection, int siloPort, params string[] tls)
    {
        var silo = SiloProcess.Start(Path.Combine(root, "a"), [.. Common(connection), $"--Silo:SiloPort={siloPort}", .. tls]);
        try
        {
            await silo.WaitForAsync(s => s.BlockLines.Count >= 1, TimeSpan.FromSeconds(90), "the first silo's first block");
            return silo;
        }
        catch
        {
            await silo.DisposeAsync();
            throw;
        }
    }

    /// <summary>A further silo of the same site, on the simulator of <paramref name="first"/>.</summary>
    /// <param name="first">The silo that runs the simulator.</param>
    /// <param name="dataDir">Its data directory.</param>
    /// <param name="connection">The cluster's database.</param>
    /// <param name="siloPort">Its silo-to-silo port.</param>
    /// <param name="tls">Its <c>Cluster:Tls*</c> arguments.</param>
    private static SiloProcess StartOnSimulatorOf(SiloProcess first, string dataDir, string connection, int siloPort, params string[] tls) =>
        SiloProcess.Start(dataDir, [.. Common(connection), $"--Silo:SiloPort={siloPort}", .. tls, .. ClusterSilos.OnSimulatorOf(first)]);

    private static string[] Common(string connection) => [$"--Cluster:Connection={connection}", "--Silo:ServiceId=bitgrid-test", "--Silo:ClusterId=lan-tls"];

    private static string Fingerprint(X509Certificate2 certificate) => certificate.GetCertHashString(HashAlgorithmName.SHA256);
}
