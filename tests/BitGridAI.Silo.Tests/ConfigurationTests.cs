using BitGridAI.Silo.Configuration;
using BitGridAI.Silo.Hosting;
using BitGridAI.Simulator;

namespace BitGridAI.Silo.Tests;

public sealed class ConfigurationTests : IDisposable
{
    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), "bitgrid-silo-config-" + Guid.NewGuid().ToString("N"));

    public static TheoryData<string, string> BadSettings => new()
    {
        { "--speed=0", "Silo:Speed: must be a number from 1 to 3600 (got 0)" },
        { "--Silo:Speed=9000", "Silo:Speed: must be a number from 1 to 3600 (got 9000)" },
        { "--Site:Autonomy=AUTO", "Site:Autonomy: must be FULL, SEMI or MANUAL (got 'AUTO')" },
        { "--Site:Strategy=greedy", "Site:Strategy: must be surplus or soc_band (got 'greedy')" },
        { "--Site:Engine:soc_hard_min_pct=70", "Site:Engine:soc_hard_min_pct: must be ≤ soc_soft_min_pct" },
        { "--Site:Engine:max_chip_temp_c=120", "Site:Engine:max_chip_temp_c: must be a number from -40 to 95 (got 120)" },
        { "--Site:Engine:min_runtime_blocks=2.5", "Site:Engine:min_runtime_blocks: must be a whole number" },
        { "--Site:Engine:surplus_min_kw=lots", "Site:Engine:surplus_min_kw: must be a number (got 'lots')" },
        { "--Site:Engine:surplus_minimum_kw=2", "Site:Engine:surplus_minimum_kw: unknown key" },
        { "--Site:Engine:data_fail_safe=maybe", "Site:Engine:data_fail_safe: must be \"stop\" or \"hold\" (got 'maybe')" },
        { "--Mqtt:Port=70000", "Mqtt:Port: must be a port from 1 to 65535 (got 70000)" },
        { "--Mqtt:MaxPendingMessagesPerClient=0", "Mqtt:MaxPendingMessagesPerClient: must be from 10 to 1000000 (got 0)" },
        { "--Mqtt:Host=192.168.1.20", "Mqtt:Host: listening on 192.168.1.20 (beyond this machine) requires Mqtt:Username and Mqtt:Password" },
        { "--Mqtt:Host=localhost", "Mqtt:Host: must be an IP address such as 127.0.0.1 (got 'localhost')" },
        { "--Mqtt:Password=set-a-long-password-here", "Mqtt:Password: is still the placeholder 'set-a-long-password-here' from example-site.json" },
        { "--Mqtt:MaxPacketBytes=100", "Mqtt:MaxPacketBytes: must be from 1024 to 16777216 (got 100)" },
        { "--Mqtt:Accounts:0:Username=plugs", "Mqtt:Accounts: device accounts need Mqtt:Username and Mqtt:Password" },
        { "--EventLog:SegmentRecords=10", "EventLog:SegmentRecords: must be 100 to 1000000 records (got 10)" },
        { "--EventLog:RetainDays=-1", "EventLog:RetainDays: must be 0 (keep everything) to 36500 days (got -1)" },
        { "--Site:Economics:SatsPerEuro=0", "Site:Economics:SatsPerEuro: must be 1 to 1000000000 sats per euro (got 0)" },
        { "--Site:Economics:HashpriceSatsPerThDay=-1", "Site:Economics:HashpriceSatsPerThDay: must be 0 to 1000000 sats per TH/s and day (got -1)" },
        { "--Site:Economics:BtcPriceEur=0", "Site:Economics:BtcPriceEur: must be 1 to 1000000000 € per BTC (got 0)" },
        { "--Site:Economics:Policy=greedy", "Site:Economics:Policy: must be self_consumption_first or max_value (got 'greedy')" },
        { "--Site:Economics:HeatValueCtKwh=warm", "Site:Economics:HeatValueCtKwh: must be a number from -100 to 1000 ct/kWh, or a list of 12 (January to December) (got 'warm')" },
        { "--Site:Economics:HeatValueCtKwh:0=10", "Site:Economics:HeatValueCtKwh: a list must have 12 values, January to December (got 1)" },
        { "--Site:Battery:CapacityWh=5", "Site:Battery:CapacityWh: must be 100 to 10000000 Wh (got 5)" },
        { "--Explain:Kept=0", "Explain:Kept: must be 1 to 100000 decisions (got 0)" },
        { "--Explain:ModelFolder=/nonexistent/bitgrid-model", "Explain:ModelFolder: " },
        { "--Explain:Language=fr", "Explain: " },
        { "--Cluster:Connection=Port=5432;Username=bitgrid", "Cluster:Connection: the connection string names no Host" },
        { "--Cluster:Connection=Host=db.lan;Username=bitgrid", "Cluster:AdvertisedAddress: required when the database (db.lan:5432) is not on loopback" },
    };

    /// <summary>
    /// The shipped standalone site as the silo loads it (every option validated, or the load throws): three miners
    /// of three firmwares, decided in a fixed order, each with its template's draw and chip limits, and each served
    /// by the simulator as that firmware on the port its device names.
    /// </summary>
    [Fact]
    public void TheStandaloneSiteHasThreeMinersOfThreeFirmwaresInDistinctPriorities()
    {
        var setup = SiteSetup.Load(SiloConfiguration.Build([]), "standalone.json");

        var miners = setup.Definition.Miners.ToList();
        Assert.Equal(
            [("miner-1", 0, 1674.0, 85.0, "plug-1"), ("miner-2", 1, 3250.0, 85.0, null), ("miner-3", 2, 15.0, 70.0, null)],
            miners.Select(m => (m.Id, m.Priority, m.RatedPowerW, m.MaxChipTempC!.Value, m.RelayId)));
        Assert.Equal(3, miners.Select(m => m.Priority).Distinct().Count());
        var devices = miners.Select(m => setup.Devices.Single(d => d.Id == m.Id)).ToList();
        Assert.Equal([("avalon-q", "cgminer", "avalon"), ("luxos-miner", "cgminer", "luxos"), ("bitaxe", "axeos", null)], devices.Select(d => (d.Template, d.Driver, d.Firmware)));
        Assert.Empty(SimulatedSiteOptionsValidator.Check(setup.Simulation));
        Assert.Equal(
            devices.Select(d => (d.Id, d.Port, d.Priority, d.Driver, d.Firmware ?? MinerFirmwares.Avalon)),
            setup.Simulation.Miners.Select(m => (m.Id, m.ApiPort, m.Priority, m.Api, m.Api == MinerApis.AxeOs ? MinerFirmwares.Avalon : m.Firmware)));
        var luxOs = setup.Simulation.Miners.Single(m => m.Id == "miner-2");
        Assert.Equal(
            new (string, string?, double)[] { ("eco", luxOs.EcoProfile, luxOs.EcoPowerW), ("standard", luxOs.StandardProfile, luxOs.StandardPowerW), ("super", luxOs.SuperProfile, luxOs.SuperPowerW) },
            devices[1].Modes.Select(kv => (kv.Key, kv.Value.Profile, kv.Value.PowerW)).Order());
    }

    [Fact]
    public void TheExampleSiteStopsAtStartUntilItsPlaceholderPasswordIsChanged()
    {
        var example = Path.Combine(AppContext.BaseDirectory, "silo-config", "example-site.json");

        var error = Assert.Throws<StartupException>(() => SiloHost.Build(["--config", example, "--data-dir", _dataDir], TextWriter.Null));

        Assert.Contains("Mqtt:Password: is still the placeholder 'set-a-long-password-here'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(BadSettings))]
    public void AnInvalidSettingStopsTheSiloAtStartNamingTheKeyAndTheAllowedValues(string setting, string expected)
    {
        var error = Assert.Throws<StartupException>(() => SiloHost.Build(["--data-dir", _dataDir, setting], TextWriter.Null));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_dataDir, "state.db")), "nothing may be written before the configuration is valid");
    }

    [Fact]
    public void AMirrorTargetInsideTheDataDirectoryStopsTheStart()
    {
        var error = Assert.Throws<StartupException>(() => SiloHost.Build(["--data-dir", _dataDir, $"--Mirror:Target={Path.Combine(_dataDir, "mirror")}"], TextWriter.Null));

        Assert.Contains("Mirror:Target: ", error.Message, StringComparison.Ordinal);
        Assert.Contains("must not contain each other", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AMissingConfigurationFileIsNamed()
    {
        var error = Assert.Throws<StartupException>(() => SiloHost.Build(["--config", "/nowhere/site.json"], TextWriter.Null));

        Assert.Contains("/nowhere/site.json", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ADamagedStateDatabaseIsReportedWithItsPathNotAStackTrace()
    {
        Directory.CreateDirectory(_dataDir);
        File.WriteAllText(Path.Combine(_dataDir, "state.db"), "this is not a database, it is a shopping list");

        var error = Assert.Throws<StartupException>(() => SiloHost.Build(["--data-dir", _dataDir], TextWriter.Null));

        Assert.Contains(Path.Combine(_dataDir, "state.db"), error.Message, StringComparison.Ordinal);
        Assert.Contains("not a valid SQLite database", error.Message, StringComparison.Ordinal);
        Assert.Equal("this is not a database, it is a shopping list", File.ReadAllText(Path.Combine(_dataDir, "state.db")));
    }

    public void Dispose()
    {
        if (Directory.Exists(_dataDir))
        {
            Directory.Delete(_dataDir, recursive: true);
        }
    }
}
