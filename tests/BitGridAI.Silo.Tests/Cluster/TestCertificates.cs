using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace BitGridAI.Silo.Tests.Cluster;

/// <summary>Certificates made in the test as a person makes them with openssl: a small CA, silo certificates, self-signed ones.</summary>
internal static class TestCertificates
{
    private static readonly OidCollection SiloUsages = [new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")];

    /// <summary>A CA certificate with its key, valid from a week ago for two years.</summary>
    public static X509Certificate2 Authority(string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-7), DateTimeOffset.UtcNow.AddYears(2));
    }

    /// <summary>A silo certificate (server and client use) with its key: issued by <paramref name="issuer"/>, or self-signed without one.</summary>
    /// <param name="name">The common name.</param>
    /// <param name="issuer">The CA, or null for a self-signed certificate.</param>
    /// <param name="notAfter">The end of its validity; a year from now unless given.</param>
    public static X509Certificate2 Silo(string name, X509Certificate2? issuer = null, DateTimeOffset? notAfter = null)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(SiloUsages, false));
        var from = DateTimeOffset.UtcNow.AddDays(-2);
        var to = notAfter ?? DateTimeOffset.UtcNow.AddYears(1);
        if (issuer is null)
        {
            return request.CreateSelfSigned(from, to);
        }
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(issuer, true, false));
        using var issued = request.Create(issuer, from, to, RandomNumberGenerator.GetBytes(16));
        return issued.CopyWithPrivateKey(key);
    }

    /// <summary>Writes the certificate with its key as a PFX file protected by <paramref name="password"/>; returns the path.</summary>
    /// <param name="certificate">The certificate with its private key.</param>
    /// <param name="path">Where to write.</param>
    /// <param name="password">The file's password.</param>
    public static string WritePfx(X509Certificate2 certificate, string path, string password)
    {
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pkcs12, password));
        return path;
    }

    /// <summary>Writes the certificate (and its key, when asked, to a second file) as PEM; returns the certificate's path.</summary>
    /// <param name="certificate">The certificate.</param>
    /// <param name="path">The certificate file.</param>
    /// <param name="keyPath">The key file, or null to write no key.</param>
    public static string WritePem(X509Certificate2 certificate, string path, string? keyPath = null)
    {
        File.WriteAllText(path, certificate.ExportCertificatePem());
        if (keyPath is not null)
        {
            using var key = certificate.GetECDsaPrivateKey()!;
            File.WriteAllText(keyPath, key.ExportPkcs8PrivateKeyPem());
        }
        return path;
    }
}
