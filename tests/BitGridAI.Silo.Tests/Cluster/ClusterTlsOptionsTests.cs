using System.Security.Cryptography.X509Certificates;
using BitGridAI.Silo.Configuration;

namespace BitGridAI.Silo.Tests.Cluster;

/// <summary>The <c>Cluster:Tls*</c> keys: what a silo accepts as its own certificate and as a peer's, and the errors naming the key.</summary>
public sealed class ClusterTlsOptionsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("bitgrid-tls-options-").FullName;

    [Fact]
    public void Without_a_certificate_TLS_is_off()
    {
        var (tls, errors) = ClusterTls.Load(new ClusterOptions(), TimeProvider.System);
        Assert.Null(tls);
        Assert.Empty(errors);
    }

    [Fact]
    public void Trust_settings_without_a_certificate_are_refused_naming_the_certificate_key()
    {
        var error = Assert.Single(ClusterTls.Load(new ClusterOptions { TlsCaPath = "ca.pem" }, TimeProvider.System).Errors);
        Assert.StartsWith("Cluster:TlsCertificatePath: required when Cluster:TlsCaPath is set", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_certificate_without_fingerprints_or_CA_is_refused_rather_than_accepting_any_peer()
    {
        using var own = TestCertificates.Silo("silo-a");
        var options = new ClusterOptions { TlsCertificatePath = TestCertificates.WritePfx(own, Path.Combine(_dir, "a.pfx"), "pw"), TlsCertificatePassword = "pw" };
        Assert.StartsWith("Cluster:TlsRemoteThumbprints: ", Assert.Single(ClusterTls.Load(options, TimeProvider.System).Errors), StringComparison.Ordinal);
    }

    [Fact]
    public void A_certificate_without_its_private_key_is_refused()
    {
        using var own = TestCertificates.Silo("silo-a");
        var pem = TestCertificates.WritePem(own, Path.Combine(_dir, "a.pem"));
        var errors = ClusterTls.Load(new ClusterOptions { TlsCertificatePath = pem, TlsRemoteThumbprints = ClusterTls.Sha256(own) }, TimeProvider.System).Errors;
        Assert.StartsWith("Cluster:TlsKeyPath: ", Assert.Single(errors), StringComparison.Ordinal);
        Assert.Contains("no private key", errors[0], StringComparison.Ordinal);
    }

    [Fact]
    public void An_expired_certificate_is_refused_with_its_date()
    {
        using var own = TestCertificates.Silo("silo-a", notAfter: DateTimeOffset.UtcNow.AddDays(-1));
        var options = new ClusterOptions
        {
            TlsCertificatePath = TestCertificates.WritePfx(own, Path.Combine(_dir, "a.pfx"), "pw"),
            TlsCertificatePassword = "pw",
            TlsRemoteThumbprints = ClusterTls.Sha256(own),
        };
        var error = Assert.Single(ClusterTls.Load(options, TimeProvider.System).Errors);
        Assert.StartsWith("Cluster:TlsCertificatePath: the certificate CN=silo-a expired on ", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("ZZ00000000000000000000000000000000000000")]
    public void A_fingerprint_that_is_not_one_is_refused(string fingerprint)
    {
        using var own = TestCertificates.Silo("silo-a");
        var options = new ClusterOptions
        {
            TlsCertificatePath = TestCertificates.WritePfx(own, Path.Combine(_dir, "a.pfx"), "pw"),
            TlsCertificatePassword = "pw",
            TlsRemoteThumbprints = $"{ClusterTls.Sha256(own)}, {fingerprint}",
        };
        Assert.StartsWith($"Cluster:TlsRemoteThumbprints: '{fingerprint}'", Assert.Single(ClusterTls.Load(options, TimeProvider.System).Errors), StringComparison.Ordinal);
    }

    [Fact]
    public void A_peer_is_accepted_by_its_fingerprint_in_openssl_notation_or_its_SHA1_thumbprint_and_nothing_else()
    {
        using var own = TestCertificates.Silo("silo-a");
        using var peer = TestCertificates.Silo("silo-b");
        using var other = TestCertificates.Silo("silo-c");
        using var byThumbprint = TestCertificates.Silo("silo-d");
        // openssl x509 -noout -fingerprint -sha256 prints "sha256 Fingerprint=AB:CD:..."
        var colons = string.Join(':', Convert.FromHexString(ClusterTls.Sha256(peer)).Select(b => b.ToString("X2")));
        using var tls = Loaded(own, $"{colons},{byThumbprint.Thumbprint.ToLowerInvariant()}");
        Assert.True(tls.Accepts(peer, null, out _));
        Assert.True(tls.Accepts(byThumbprint, null, out _));
        Assert.False(tls.Accepts(other, null, out var reason));
        Assert.Equal("not in Cluster:TlsRemoteThumbprints", reason);
    }

    [Fact]
    public void A_peer_issued_by_the_configured_CA_is_accepted_and_one_from_another_CA_is_not()
    {
        using var ca = TestCertificates.Authority("home CA");
        using var foreign = TestCertificates.Authority("someone else's CA");
        using var own = TestCertificates.Silo("silo-a", ca);
        using var peer = TestCertificates.Silo("silo-b", ca);
        using var stranger = TestCertificates.Silo("silo-x", foreign);
        using var selfSigned = TestCertificates.Silo("silo-y");
        var options = new ClusterOptions
        {
            TlsCertificatePath = TestCertificates.WritePem(own, Path.Combine(_dir, "a.pem"), Path.Combine(_dir, "a.key")),
            TlsKeyPath = Path.Combine(_dir, "a.key"),
            TlsCaPath = TestCertificates.WritePem(ca, Path.Combine(_dir, "ca.pem")),
        };
        var (tls, errors) = ClusterTls.Load(options, TimeProvider.System);
        Assert.Empty(errors);
        using (tls)
        {
            Assert.True(tls!.Accepts(peer, null, out _));
            Assert.False(tls.Accepts(stranger, null, out var reason));
            Assert.Equal("not in Cluster:TlsRemoteThumbprints and not issued by the CA in Cluster:TlsCaPath", reason);
            Assert.False(tls.Accepts(selfSigned, null, out _));
        }
    }

    [Fact]
    public void An_expired_peer_is_refused_even_when_listed()
    {
        using var own = TestCertificates.Silo("silo-a");
        using var expired = TestCertificates.Silo("silo-b", notAfter: DateTimeOffset.UtcNow.AddMinutes(-1));
        using var tls = Loaded(own, ClusterTls.Sha256(expired));
        Assert.False(tls.Accepts(expired, null, out var reason));
        Assert.StartsWith("outside its validity", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_leaf_certificate_given_as_CA_is_refused_pointing_to_the_fingerprints()
    {
        using var own = TestCertificates.Silo("silo-a");
        var options = new ClusterOptions
        {
            TlsCertificatePath = TestCertificates.WritePfx(own, Path.Combine(_dir, "a.pfx"), "pw"),
            TlsCertificatePassword = "pw",
            TlsCaPath = TestCertificates.WritePem(own, Path.Combine(_dir, "not-a-ca.pem")),
        };
        var error = Assert.Single(ClusterTls.Load(options, TimeProvider.System).Errors);
        Assert.StartsWith("Cluster:TlsCaPath: CN=silo-a is not a CA certificate", error, StringComparison.Ordinal);
    }

    [Fact]
    public void The_cluster_options_report_TLS_errors_with_the_others()
    {
        var (_, _, errors) = new ClusterOptions { Connection = "Host=127.0.0.1;Username=b", TlsCertificatePath = Path.Combine(_dir, "missing.pfx"), TlsRemoteThumbprints = new string('A', 64) }.Resolve();
        Assert.StartsWith("Cluster:TlsCertificatePath: no file at ", Assert.Single(errors), StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private ClusterTls Loaded(X509Certificate2 own, string fingerprints)
    {
        var options = new ClusterOptions
        {
            TlsCertificatePath = TestCertificates.WritePfx(own, Path.Combine(_dir, $"{Guid.NewGuid():N}.pfx"), "pw"),
            TlsCertificatePassword = "pw",
            TlsRemoteThumbprints = fingerprints,
        };
        var (tls, errors) = ClusterTls.Load(options, TimeProvider.System);
        Assert.Empty(errors);
        return tls!;
    }
}
