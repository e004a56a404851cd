using BitGridAI.Silo.Configuration;

namespace BitGridAI.Silo.Tests.Cluster;

/// <summary>The advertised address: a specific IP, defaulting to loopback only beside a loopback database.</summary>
public sealed class ClusterOptionsTests
{
    [Theory]
    [InlineData("Host=127.0.0.1;Username=b", null, "127.0.0.1")]
    [InlineData("Host=localhost;Username=b", null, "127.0.0.1")]
    [InlineData("Host=db.lan;Username=b", "192.168.1.20", "192.168.1.20")]
    public void A_usable_address_is_taken(string connection, string? advertised, string expected)
    {
        var (database, address, errors) = new ClusterOptions { Connection = connection, AdvertisedAddress = advertised }.Resolve();
        Assert.Empty(errors);
        Assert.NotNull(database);
        Assert.Equal(expected, address!.ToString());
    }

    [Theory]
    [InlineData("0.0.0.0")]
    [InlineData("silo-2.lan")]
    public void Anything_but_a_specific_ip_is_refused_naming_the_key(string advertised)
    {
        var (_, address, errors) = new ClusterOptions { Connection = "Host=127.0.0.1;Username=b", AdvertisedAddress = advertised }.Resolve();
        Assert.Null(address);
        Assert.StartsWith("Cluster:AdvertisedAddress: ", Assert.Single(errors), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("00:00:00.050", "00:00:02", 3, "Cluster:WakeInterval: ")]
    [InlineData("00:02:00", "00:00:02", 3, "Cluster:WakeInterval: ")]
    [InlineData("00:00:02", "00:00:00.100", 3, "Cluster:ProbeTimeout: ")]
    [InlineData("00:00:02", "00:00:02", 0, "Cluster:MissedProbesLimit: ")]
    [InlineData("00:00:02", "00:00:02", 11, "Cluster:MissedProbesLimit: ")]
    public void Failure_detection_settings_out_of_range_are_refused_naming_the_key(string wake, string probe, int missed, string key)
    {
        var options = new ClusterOptions
        {
            Connection = "Host=127.0.0.1;Username=b",
            WakeInterval = TimeSpan.Parse(wake, System.Globalization.CultureInfo.InvariantCulture),
            ProbeTimeout = TimeSpan.Parse(probe, System.Globalization.CultureInfo.InvariantCulture),
            MissedProbesLimit = missed,
        };
        Assert.StartsWith(key, Assert.Single(options.Resolve().Errors), StringComparison.Ordinal);
    }
}
