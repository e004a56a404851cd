using System.Net;
using BitGridAI.Storage.Postgres;
using Npgsql;

namespace BitGridAI.Silo.Configuration;

/// <summary>
/// Cluster mode (section <c>Cluster</c>): with <see cref="Connection"/> set, membership, reminders and grain state
/// live in PostgreSQL and several silos form one cluster; without it the silo is standalone (SQLite, localhost).
/// </summary>
public sealed class ClusterOptions
{
    public const string Section = "Cluster";

    /// <summary>PostgreSQL connection string (Npgsql keywords). Empty: standalone.</summary>
    public string? Connection { get; set; }

    /// <summary>The IP address other silos and clients reach this silo on. Defaults to 127.0.0.1 only when the database host is loopback.</summary>
    public string? AdvertisedAddress { get; set; }

    /// <summary>
    /// The cluster's sites, one configuration file each (paths relative to this file), with the <c>Site</c>, <c>Mqtt</c>
    /// (the site's broker) and <c>Simulator</c> sections a standalone file has. Empty: the site in this file.
    /// Every silo of a cluster lists the same files: any silo may host any site's grains.
    /// </summary>
    public List<string> Sites { get; set; } = [];

    /// <summary>How often every silo touches every site and device grain, so grains of a dead silo come back on a survivor at once (default 2 s).</summary>
    public TimeSpan WakeInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long a silo waits for another's answer to a liveness probe (Orleans' default is 5 s; a LAN answers in milliseconds).</summary>
    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Missed probes before a silo votes another one dead (the dead silo's grains move after the votes).</summary>
    public int MissedProbesLimit { get; set; } = 3;

    /// <summary>This silo's certificate for TLS between silos: a PFX (PKCS#12) file, or a PEM certificate (with its key in the same file or in <see cref="TlsKeyPath"/>). Empty: no TLS (<see cref="ClusterTls"/>).</summary>
    public string? TlsCertificatePath { get; set; }

    /// <summary>The PEM private key of a PEM <see cref="TlsCertificatePath"/> kept in a file of its own.</summary>
    public string? TlsKeyPath { get; set; }

    /// <summary>The password of the PFX file, or of an encrypted PEM key.</summary>
    public string? TlsCertificatePassword { get; set; }

    /// <summary>The peers' certificates accepted by fingerprint: SHA-256 (64 hex digits) or SHA-1 (40), separated by commas; colons are ignored.</summary>
    public string? TlsRemoteThumbprints { get; set; }

    /// <summary>A CA certificate file (PEM, may hold several): a peer whose certificate it issued is accepted.</summary>
    public string? TlsCaPath { get; set; }

    /// <summary>True when <see cref="Connection"/> is set.</summary>
    public bool Enabled => !string.IsNullOrWhiteSpace(Connection);

    /// <summary>
    /// The database and the advertised address, or the configuration errors, each naming its key.
    /// </summary>
    public (PostgresDatabase? Database, IPAddress? Advertised, List<string> Errors) Resolve()
    {
        var errors = new List<string>();
        PostgresDatabase? database = null;
        try
        {
            database = new PostgresDatabase(Connection!);
        }
        catch (ArgumentException e)
        {
            errors.Add($"Cluster:Connection: {e.Message}");
            return (null, null, errors);
        }
        IPAddress? advertised = null;
        if (string.IsNullOrWhiteSpace(AdvertisedAddress))
        {
            var host = new NpgsqlConnectionStringBuilder(database.ConnectionString).Host!;
            if (host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || (IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip)))
            {
                advertised = IPAddress.Loopback;
            }
            else
            {
                errors.Add($"Cluster:AdvertisedAddress: required when the database ({database.Endpoint}) is not on loopback: the IP address other silos reach this one on");
            }
        }
        else if (!IPAddress.TryParse(AdvertisedAddress, out advertised) || advertised.Equals(IPAddress.Any) || advertised.Equals(IPAddress.IPv6Any))
        {
            errors.Add($"Cluster:AdvertisedAddress: '{AdvertisedAddress}' is not a specific IP address (e.g. 192.168.1.20)");
            advertised = null;
        }
        if (WakeInterval < TimeSpan.FromMilliseconds(100) || WakeInterval > TimeSpan.FromMinutes(1))
        {
            errors.Add($"Cluster:WakeInterval: must be 00:00:00.100 to 00:01:00 (got {WakeInterval})");
        }
        if (ProbeTimeout < TimeSpan.FromMilliseconds(500) || ProbeTimeout > TimeSpan.FromMinutes(1))
        {
            errors.Add($"Cluster:ProbeTimeout: must be 00:00:00.500 to 00:01:00 (got {ProbeTimeout})");
        }
        if (MissedProbesLimit is < 1 or > 10)
        {
            errors.Add($"Cluster:MissedProbesLimit: must be 1 to 10 (got {MissedProbesLimit})");
        }
        errors.AddRange(ClusterTls.Check(this));
        return (database, advertised, errors);
    }
}
