using Orleans.Connections.Security;

namespace BitGridAI.Silo.Configuration;

/// <summary>Wires <see cref="ClusterTls"/> into the silo's connections (silo to silo, and the gateway).</summary>
internal static class ClusterTlsHosting
{
    /// <summary>
    /// Mutual TLS on every silo-to-silo and gateway connection when <c>Cluster:TlsCertificatePath</c> is set;
    /// nothing otherwise. The configuration was checked by <see cref="ClusterOptions.Resolve"/>; an error found
    /// here anyway stops the start the same way.
    /// </summary>
    /// <param name="builder">The silo in cluster mode.</param>
    /// <param name="cluster">The <c>Cluster</c> section.</param>
    /// <param name="console">Where the start line and the refusal lines go.</param>
    public static ISiloBuilder UseBitGridTls(this ISiloBuilder builder, ClusterOptions cluster, TextWriter console)
    {
        var (tls, errors) = ClusterTls.Load(cluster, TimeProvider.System);
        if (errors.Count > 0)
        {
            throw new StartupException("invalid configuration: " + string.Join("; ", errors));
        }
        if (tls is null)
        {
            return builder;
        }
        builder.Services.AddSingleton(tls);
        console.WriteLine($"cluster: {tls.Description}");
        return builder.UseTls(tls.Certificate, options =>
        {
            // Both directions show a certificate and insist on the peer's: a silo is server and client.
            options.RemoteCertificateMode = RemoteCertificateMode.RequireCertificate;
            options.ClientCertificateMode = RemoteCertificateMode.RequireCertificate;
            // Replaces the platform's verdict (system roots, host name) with ours: fingerprint or our CA, never "any".
            options.RemoteCertificateValidation = (peer, chain, _) => tls.Admit(peer, chain, console);
        });
    }
}
