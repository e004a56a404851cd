namespace BitGridAI.Silo.Api;

/// <summary>
/// The HTTP API, dashboard and metrics endpoint (<c>Api</c> section). Loopback by default; a LAN address needs a
/// certificate for TLS (or an explicit <c>AllowPlainHttp</c>), since bearer tokens would otherwise cross the LAN in
/// clear text.
/// </summary>
public sealed class ApiOptions
{
    public const string Section = "Api";

    /// <summary>Where Kestrel listens: one URL, <c>http://127.0.0.1:8080</c> by default; port 0 picks a free port.</summary>
    public string Url { get; set; } = "http://127.0.0.1:8080";

    /// <summary>The site this silo's API, dashboard and Home Assistant bridge serve when the cluster runs several (default: the first).</summary>
    public string? Site { get; set; }

    /// <summary>A PFX (PKCS#12) or PEM certificate file for https; required for an https URL.</summary>
    public string? CertificatePath { get; set; }

    public string? CertificatePassword { get; set; }

    /// <summary>The PEM key file when <see cref="CertificatePath"/> is a PEM certificate without its key.</summary>
    public string? CertificateKeyPath { get; set; }

    /// <summary>Serve plain http on a LAN address anyway (tokens then cross the LAN unencrypted): off by default.</summary>
    public bool AllowPlainHttp { get; set; }

    /// <summary>Override requests per token and minute (API.md: 10); more get 429 with Retry-After.</summary>
    public int OverridesPerMinute { get; set; } = 10;

    /// <summary>Other control writes (autonomy, emergency stop and its acknowledgement, export) per token and minute.</summary>
    public int ControlWritesPerMinute { get; set; } = 30;

    /// <summary>Telemetry messages on the WebSocket stream: one snapshot of the site per interval.</summary>
    public TimeSpan StreamInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Orleans' own dashboard at <c>/orleans</c> (cluster statistics). It has no login of its own, so it answers only
    /// requests from this machine unless <see cref="OrleansDashboardOnLan"/>; off, it costs no memory at all (opened
    /// once, it holds about 100 MB more until the silo restarts).
    /// </summary>
    public bool OrleansDashboard { get; set; } = true;

    /// <summary>Let LAN clients open <c>/orleans</c> too (it shows grain calls and state without a token).</summary>
    public bool OrleansDashboardOnLan { get; set; }

    /// <summary>How many WebSocket clients may be connected at once; more are refused with 503.</summary>
    public int MaxStreamClients { get; set; } = 100;
}
