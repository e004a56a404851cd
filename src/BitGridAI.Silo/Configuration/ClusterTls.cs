using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace BitGridAI.Silo.Configuration;

/// <summary>
/// TLS between the silos of a cluster (keys <c>Cluster:Tls*</c>). Each silo shows its own certificate and
/// requires one from its peer, both ways; a peer is accepted only when its certificate is named by fingerprint in
/// <c>Cluster:TlsRemoteThumbprints</c> or was issued by the CA in <c>Cluster:TlsCaPath</c>, and is within its
/// validity. On a home LAN the certificates are self-signed, so the system's trusted roots and host names play no part.
/// </summary>
internal sealed class ClusterTls : IDisposable
{
    private const string ServerAuthentication = "1.3.6.1.5.5.7.3.1";
    private const string ClientAuthentication = "1.3.6.1.5.5.7.3.2";
    private static readonly TimeSpan RefusalLineInterval = TimeSpan.FromMinutes(1);

    private readonly HashSet<string> _fingerprints;
    private readonly X509Certificate2Collection _authorities;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, DateTimeOffset> _refusalsShown = new();

    private ClusterTls(X509Certificate2 certificate, HashSet<string> fingerprints, X509Certificate2Collection authorities, TimeProvider time)
    {
        Certificate = certificate;
        _fingerprints = fingerprints;
        _authorities = authorities;
        _time = time;
    }

    /// <summary>This silo's certificate, with its private key.</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>What this silo shows and whom it accepts, for the start line.</summary>
    public string Description =>
        $"TLS between silos: this silo's certificate {Certificate.Subject} (SHA-256 {Sha256(Certificate)}, valid to {Certificate.NotAfter.ToUniversalTime():yyyy-MM-dd}); " +
        $"peers accepted: {string.Join(" or ", new[]
        {
            _fingerprints.Count > 0 ? $"{_fingerprints.Count} fingerprint(s) in Cluster:TlsRemoteThumbprints" : null,
            _authorities.Count > 0 ? $"certificates issued by {string.Join(", ", _authorities.Select(a => a.Subject))} (Cluster:TlsCaPath)" : null,
        }.OfType<string>())}";

    /// <summary>The TLS configuration errors, each naming its key; none when TLS is off or usable.</summary>
    public static List<string> Check(ClusterOptions options)
    {
        var (tls, errors) = Load(options, TimeProvider.System);
        tls?.Dispose();
        return errors;
    }

    /// <summary>
    /// Reads the certificate, the fingerprints and the CA named by the options. TLS is off (null, no errors) when
    /// none of the keys is set; otherwise either a usable configuration or the errors, each naming its key.
    /// </summary>
    public static (ClusterTls? Tls, List<string> Errors) Load(ClusterOptions options, TimeProvider time)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(options.TlsCertificatePath))
        {
            (string Key, string? Value)[] others =
            [
                ("Cluster:TlsKeyPath", options.TlsKeyPath),
                ("Cluster:TlsCertificatePassword", options.TlsCertificatePassword),
                ("Cluster:TlsRemoteThumbprints", options.TlsRemoteThumbprints),
                ("Cluster:TlsCaPath", options.TlsCaPath),
            ];
            var set = others.Where(k => !string.IsNullOrWhiteSpace(k.Value)).Select(k => k.Key).ToList();
            if (set.Count > 0)
            {
                errors.Add($"Cluster:TlsCertificatePath: required when {string.Join(", ", set)} is set: this silo's certificate for TLS between silos");
            }
            return (null, errors);
        }

        var now = time.GetUtcNow();
        var certificate = LoadCertificate(options, errors);
        if (certificate is not null)
        {
            CheckOwn(certificate, now, errors);
        }
        var fingerprints = Fingerprints(options.TlsRemoteThumbprints, errors);
        var authorities = Authorities(options.TlsCaPath, now, errors);
        if (string.IsNullOrWhiteSpace(options.TlsRemoteThumbprints) && string.IsNullOrWhiteSpace(options.TlsCaPath))
        {
            errors.Add("Cluster:TlsRemoteThumbprints: name the other silos' certificates by fingerprint here, or their CA in Cluster:TlsCaPath: without either no silo would be accepted");
        }
        if (errors.Count > 0 || certificate is null)
        {
            certificate?.Dispose();
            foreach (var authority in authorities)
            {
                authority.Dispose();
            }
            return (null, errors);
        }
        return (new ClusterTls(certificate, fingerprints, authorities, time), errors);
    }

    /// <summary>
    /// Whether a peer's certificate is accepted: within its validity, and named by fingerprint or issued by the
    /// configured CA. The platform's verdict (system roots, host name) is not consulted: neither applies on a LAN.
    /// </summary>
    /// <param name="peer">The certificate the peer showed.</param>
    /// <param name="presented">The chain the platform built for it, for the intermediate certificates the peer sent.</param>
    /// <param name="reason">Why it was refused; empty when accepted.</param>
    public bool Accepts(X509Certificate2 peer, X509Chain? presented, out string reason)
    {
        var now = _time.GetUtcNow();
        if (now < peer.NotBefore.ToUniversalTime() || now > peer.NotAfter.ToUniversalTime())
        {
            reason = $"outside its validity ({peer.NotBefore.ToUniversalTime():yyyy-MM-dd HH:mm}Z to {peer.NotAfter.ToUniversalTime():yyyy-MM-dd HH:mm}Z)";
            return false;
        }
        if (_fingerprints.Contains(Sha256(peer)) || _fingerprints.Contains(peer.Thumbprint.ToUpperInvariant()))
        {
            reason = "";
            return true;
        }
        if (_authorities.Count > 0 && IssuedByAuthority(peer, presented, now))
        {
            reason = "";
            return true;
        }
        reason = _authorities.Count > 0
            ? "not in Cluster:TlsRemoteThumbprints and not issued by the CA in Cluster:TlsCaPath"
            : "not in Cluster:TlsRemoteThumbprints";
        return false;
    }

    /// <summary>
    /// <see cref="Accepts"/> for the TLS handshake: a refusal prints one line naming the certificate and its
    /// SHA-256 fingerprint (at most once a minute per certificate, as Orleans retries), so the person setting up
    /// the cluster sees which certificate to add.
    /// </summary>
    /// <param name="peer">The certificate the peer showed.</param>
    /// <param name="presented">The chain the platform built for it.</param>
    /// <param name="console">Where the refusal line goes.</param>
    public bool Admit(X509Certificate2 peer, X509Chain? presented, TextWriter console)
    {
        if (Accepts(peer, presented, out var reason))
        {
            return true;
        }
        var fingerprint = Sha256(peer);
        var now = _time.GetUtcNow();
        if (_refusalsShown.Count > 1000)
        {
            // Only to bound the memory a stream of made-up certificates could take; the lines start over.
            _refusalsShown.Clear();
        }
        var shown = _refusalsShown.GetOrAdd(fingerprint, DateTimeOffset.MinValue);
        if (now - shown >= RefusalLineInterval && _refusalsShown.TryUpdate(fingerprint, now, shown))
        {
            console.WriteLine($"cluster: refused a silo's TLS certificate {peer.Subject} (SHA-256 {fingerprint}): {reason}");
            console.Flush();
        }
        return false;
    }

    public void Dispose()
    {
        Certificate.Dispose();
        foreach (var authority in _authorities)
        {
            authority.Dispose();
        }
    }

    /// <summary>The SHA-256 fingerprint in upper-case hex without separators, as <c>Cluster:TlsRemoteThumbprints</c> holds it.</summary>
    public static string Sha256(X509Certificate2 certificate) => certificate.GetCertHashString(HashAlgorithmName.SHA256).ToUpperInvariant();

    private bool IssuedByAuthority(X509Certificate2 peer, X509Chain? presented, DateTimeOffset now)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(_authorities);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationTime = now.UtcDateTime;
        chain.ChainPolicy.VerificationTimeIgnored = false;
        if (presented is not null)
        {
            foreach (var element in presented.ChainElements.Skip(1))
            {
                chain.ChainPolicy.ExtraStore.Add(element.Certificate);
            }
        }
        return chain.Build(peer);
    }

    private static X509Certificate2? LoadCertificate(ClusterOptions options, List<string> errors)
    {
        var path = options.TlsCertificatePath!;
        if (!File.Exists(path))
        {
            errors.Add($"Cluster:TlsCertificatePath: no file at {Path.GetFullPath(path)}");
            return null;
        }
        var keyPath = string.IsNullOrWhiteSpace(options.TlsKeyPath) ? null : options.TlsKeyPath;
        if (keyPath is not null && !File.Exists(keyPath))
        {
            errors.Add($"Cluster:TlsKeyPath: no file at {Path.GetFullPath(keyPath)}");
            return null;
        }
        var password = string.IsNullOrEmpty(options.TlsCertificatePassword) ? null : options.TlsCertificatePassword;
        var pem = keyPath is not null || File.ReadAllText(path).Contains("-----BEGIN ", StringComparison.Ordinal);
        return pem ? LoadPem(path, keyPath, password, errors) : LoadPfx(path, password, errors);
    }

    private static X509Certificate2? LoadPfx(string path, string? password, List<string> errors)
    {
        try
        {
            return X509CertificateLoader.LoadPkcs12FromFile(path, password);
        }
        catch (CryptographicException e) when (LooksLikePkcs12(path))
        {
            errors.Add(password is null
                ? $"Cluster:TlsCertificatePassword: {Path.GetFullPath(path)} needs its password ({e.Message})"
                : $"Cluster:TlsCertificatePassword: does not open {Path.GetFullPath(path)} (wrong password?)");
        }
        catch (CryptographicException e)
        {
            errors.Add($"Cluster:TlsCertificatePath: {Path.GetFullPath(path)} is neither a PFX (PKCS#12) file nor a PEM certificate ({e.Message})");
        }
        return null;
    }

    private static X509Certificate2? LoadPem(string path, string? keyPath, string? password, List<string> errors)
    {
        var keyFile = keyPath ?? path;
        var keyText = File.ReadAllText(keyFile);
        if (!keyText.Contains("PRIVATE KEY-----", StringComparison.Ordinal))
        {
            errors.Add(keyPath is null
                ? $"Cluster:TlsKeyPath: {Path.GetFullPath(path)} holds no private key: name the key's PEM file here"
                : $"Cluster:TlsKeyPath: {Path.GetFullPath(keyPath)} holds no PEM private key");
            return null;
        }
        var encrypted = keyText.Contains("-----BEGIN ENCRYPTED PRIVATE KEY-----", StringComparison.Ordinal);
        if (encrypted && password is null)
        {
            errors.Add($"Cluster:TlsCertificatePassword: the private key in {Path.GetFullPath(keyFile)} is encrypted: set its password");
            return null;
        }
        try
        {
            return encrypted ? X509Certificate2.CreateFromEncryptedPemFile(path, password, keyPath) : X509Certificate2.CreateFromPemFile(path, keyPath);
        }
        catch (CryptographicException e) when (encrypted)
        {
            errors.Add($"Cluster:TlsCertificatePassword: does not decrypt the private key in {Path.GetFullPath(keyFile)}, or the key is not the certificate's ({e.Message})");
        }
        catch (CryptographicException e)
        {
            errors.Add($"Cluster:TlsKeyPath: the private key in {Path.GetFullPath(keyFile)} and the certificate in {Path.GetFullPath(path)} do not go together ({e.Message})");
        }
        return null;
    }

    /// <summary>A PKCS#12 file starts with a DER sequence whose first element is the version 3.</summary>
    private static bool LooksLikePkcs12(string path)
    {
        try
        {
            var reader = new System.Formats.Asn1.AsnReader(File.ReadAllBytes(path), System.Formats.Asn1.AsnEncodingRules.BER);
            var sequence = reader.ReadSequence();
            return sequence.TryReadInt32(out var version) && version == 3;
        }
        catch (System.Formats.Asn1.AsnContentException)
        {
            return false;
        }
    }

    private static void CheckOwn(X509Certificate2 certificate, DateTimeOffset now, List<string> errors)
    {
        if (!certificate.HasPrivateKey)
        {
            errors.Add($"Cluster:TlsCertificatePath: the certificate {certificate.Subject} comes without its private key: a silo must prove it owns the certificate it shows");
        }
        if (now > certificate.NotAfter.ToUniversalTime())
        {
            errors.Add($"Cluster:TlsCertificatePath: the certificate {certificate.Subject} expired on {certificate.NotAfter.ToUniversalTime():yyyy-MM-dd HH:mm}Z");
        }
        else if (now < certificate.NotBefore.ToUniversalTime())
        {
            errors.Add($"Cluster:TlsCertificatePath: the certificate {certificate.Subject} is valid only from {certificate.NotBefore.ToUniversalTime():yyyy-MM-dd HH:mm}Z (is the clock right?)");
        }
        // A silo both accepts connections and opens them, so its certificate must allow both uses if it restricts them.
        var usages = certificate.Extensions.OfType<X509EnhancedKeyUsageExtension>().SelectMany(e => e.EnhancedKeyUsages.Cast<Oid>()).Select(o => o.Value).ToList();
        if (certificate.Extensions.OfType<X509EnhancedKeyUsageExtension>().Any() && !(usages.Contains(ServerAuthentication) && usages.Contains(ClientAuthentication)))
        {
            errors.Add($"Cluster:TlsCertificatePath: the certificate {certificate.Subject} limits its extended key usage without allowing both serverAuth and clientAuth (each silo is server and client)");
        }
    }

    private static HashSet<string> Fingerprints(string? setting, List<string> errors)
    {
        var fingerprints = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in (setting ?? "").Split([',', ';', ' ', '\t', '\n'], StringSplitOptions.RemoveEmptyEntries))
        {
            var hex = entry.Replace(":", "", StringComparison.Ordinal).ToUpperInvariant();
            if (hex.Length is not (40 or 64) || !hex.All(Uri.IsHexDigit))
            {
                errors.Add($"Cluster:TlsRemoteThumbprints: '{entry}' is not a SHA-256 (64 hex digits) or SHA-1 (40) fingerprint");
                continue;
            }
            fingerprints.Add(hex);
        }
        return fingerprints;
    }

    private static X509Certificate2Collection Authorities(string? path, DateTimeOffset now, List<string> errors)
    {
        var authorities = new X509Certificate2Collection();
        if (string.IsNullOrWhiteSpace(path))
        {
            return authorities;
        }
        if (!File.Exists(path))
        {
            errors.Add($"Cluster:TlsCaPath: no file at {Path.GetFullPath(path)}");
            return authorities;
        }
        try
        {
            authorities.ImportFromPemFile(path);
            if (authorities.Count == 0)
            {
                authorities.Add(X509CertificateLoader.LoadCertificateFromFile(path));
            }
        }
        catch (CryptographicException e)
        {
            errors.Add($"Cluster:TlsCaPath: {Path.GetFullPath(path)} holds no certificate in PEM or DER ({e.Message})");
            return authorities;
        }
        foreach (var authority in authorities)
        {
            if (authority.Extensions.OfType<X509BasicConstraintsExtension>().FirstOrDefault() is not { CertificateAuthority: true })
            {
                errors.Add($"Cluster:TlsCaPath: {authority.Subject} is not a CA certificate (basic constraints CA:TRUE); to accept single certificates use Cluster:TlsRemoteThumbprints");
            }
            else if (now > authority.NotAfter.ToUniversalTime())
            {
                errors.Add($"Cluster:TlsCaPath: the CA {authority.Subject} expired on {authority.NotAfter.ToUniversalTime():yyyy-MM-dd HH:mm}Z");
            }
        }
        return authorities;
    }
}
