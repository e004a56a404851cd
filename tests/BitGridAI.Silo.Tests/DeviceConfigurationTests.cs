using BitGridAI.Domain.Config;
using BitGridAI.Grains.Hosting;
using BitGridAI.Silo.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace BitGridAI.Silo.Tests;

/// <summary>Devices as data: templates plus the site's entries; every mistake named by file, device and key.</summary>
public sealed class DeviceConfigurationTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "bitgrid-devices-" + Guid.NewGuid().ToString("N"));

    public static TheoryData<string, string> BadDevices => new()
    {
        { "--Site:Devices:3:Template=avalon", "standalone.json: Site:Devices[3] (miner-1): Template: no template 'avalon' in" },
        { "--Site:Devices:0:Port=70000", "standalone.json: Site:Devices[0] (pv-1): Port: must be 1 to 65535 (got 70000)" },
        { "--Site:Devices:0:Port=five", "standalone.json: Site:Devices[0] (pv-1): Port: must be a whole number (got 'five')" },
        { "--Site:Devices:0:Prot=502", "standalone.json: Site:Devices[0] (pv-1): Prot: unknown key (the keys are Id, Template, " },
        { "--Site:Devices:3:Modes:eco:PowerW=lots", "standalone.json: Site:Devices[3] (miner-1): Modes:eco:PowerW: must be a number (got 'lots')" },
        { "--Site:Devices:3:Modes:eco:Power=700", "standalone.json: Site:Devices[3] (miner-1): Modes: unknown key Power in a mode" },
        { "--Site:Devices:1:MeterSign=positive", "standalone.json: Site:Devices[1] (meter-1): MeterSign: must be import_positive or export_positive (got 'positive')" },
        { "--Site:Devices:0:WordOrder=middle", "standalone.json: Site:Devices[0] (pv-1): WordOrder: must be high_first or low_first (got 'middle')" },
        { "--Site:Devices:3:Relay=plug-9", "standalone.json: Site:Devices[3] (miner-1): Relay: no relay device 'plug-9' is configured" },
        { "--Site:Devices:4:Id=miner-1", "Id: 'miner-1' is used by 2 devices" },
        { "--Site:Devices:3:Modes:eco:WorkMode=7", "standalone.json: Site:Devices[3] (miner-1): Modes:eco:WorkMode: must be an Avalon work mode 0, 1 or 2 (got 7)" },
        { "--Site:Devices:3:Modes:turbo:PowerW=3000", "standalone.json: Site:Devices[3] (miner-1): Modes:turbo: unknown mode" },
        { "--Site:Devices:3:Host=", "standalone.json: Site:Devices[3] (miner-1): Host: required" },
        // The bad driver comes from the template, so the template file is named.
        { "--Site:Devices:2:Kind=miner", "standalone.json: Site:Devices[2] (battery-1), template templates/sunspec-battery.json: Driver: a miner takes cgminer or axeos (got 'sunspec')" },
        { "--Site:Devices:1:MarketPrices=true", "standalone.json: Site:Devices[1] (meter-1): MarketPrices: only a device on MQTT (driver mqtt) publishes market prices (got driver 'sunspec')" },
        { "--Site:Devices:3:MaxChipTempC=99", "standalone.json: Site:Devices[3] (miner-1): MaxChipTempC: must be above 0 and at most 95 °C (got 99)" },
        { "--Site:Devices:3:MaxChipTempC=70", "standalone.json: Site:Devices[3] (miner-1): ResumeChipTempC: the resume temperature (75 °C) must lie below the chip limit (70 °C)" },
    };

    [Theory]
    [MemberData(nameof(BadDevices))]
    public void ABadDeviceStopsTheSiloAtStartNamingFileDeviceAndKey(string setting, string expected)
    {
        var error = Assert.Throws<StartupException>(() => SiloHost.Build(["--data-dir", _dir, setting], TextWriter.Null));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_dir, "state.db")), "nothing may be written before the configuration is valid");
    }

    [Fact]
    public void EveryShippedTemplateMakesAValidDevice()
    {
        var templates = Path.Combine(AppContext.BaseDirectory, "silo-config", "templates");
        var names = SiteDevices.TemplateNames(templates).ToList();
        Assert.Superset(
            new HashSet<string> { "sunspec-inverter", "sunspec-meter", "sunspec-battery", "avalon-q", "bitaxe", "shelly-relay", "generic-mqtt-device" },
            names.ToHashSet());

        var entries = new Dictionary<string, string?>();
        for (var i = 0; i < names.Count; i++)
        {
            entries[$"Site:Devices:{i}:Id"] = names[i];
            entries[$"Site:Devices:{i}:Template"] = names[i];
            entries[$"Site:Devices:{i}:Host"] = "192.168.1.20";
            entries[$"Site:Devices:{i}:Topic"] = "prefix-" + names[i];
            if (names[i] == "generic-mqtt-device")
            {
                entries[$"Site:Devices:{i}:Signals:0:Topic"] = "tele/tasmota_1A2B3C/SENSOR";
                entries[$"Site:Devices:{i}:Signals:0:JsonPath"] = "ENERGY.Power";
                entries[$"Site:Devices:{i}:Signals:0:Signal"] = "grid_import_w";
            }
        }
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(entries).Build();

        var (devices, errors) = SiteDevices.Load(configuration, Path.Combine(AppContext.BaseDirectory, "silo-config", "standalone.json"), EngineConfig.Default);

        Assert.Equal([], errors);
        Assert.Equal(names.Count, devices.Count);
        var bitaxe = devices.Single(d => d.Id == "bitaxe");
        Assert.Equal(("axeos", 80, 70.0, 525), (bitaxe.Driver, bitaxe.Port, bitaxe.MaxChipTempC!.Value, bitaxe.Modes["standard"].FrequencyMhz!.Value));
    }

    [Fact]
    public void TheExampleSiteWithRealDevicesIsAValidConfigurationOnceItsPasswordIsSet()
    {
        // The example ships with a placeholder broker password, which stops the start (ConfigurationTests): a user sets their own.
        using var host = SiloHost.Build(["--config", Path.Combine(AppContext.BaseDirectory, "silo-config", "example-site.json"), "--data-dir", _dir, "--Mqtt:Password=a-long-password-of-our-own"], TextWriter.Null);

        var site = host.Services.GetRequiredService<ISiteCatalog>().Sites.Single();
        Assert.Equal(["avalon-cellar", "bitaxe-desk"], site.Miners.Select(m => m.Id));
        Assert.Equal((1674.0, "plug-cellar"), (site.Miners.First().RatedPowerW, site.Miners.First().RelayId));
        // The Bitaxe's own chip limit is stricter than the site's and applies to it alone.
        Assert.Equal((70.0, 65.0), (site.EngineFor(site.Miners.Last()).MaxChipTempC, site.EngineFor(site.Miners.Last()).TResumeC));
        Assert.Equal(85.0, site.EngineFor(site.Miners.First()).MaxChipTempC);
    }

    [Fact]
    public void ASiteFileElsewhereUsesTheShippedTemplatesUnlessItHasItsOwn()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Site:Devices:0:Id"] = "garage-miner",
            ["Site:Devices:0:Template"] = "avalon-q",
            ["Site:Devices:0:Host"] = "192.168.1.60",
        }).Build();
        var siteFile = Path.Combine(Directory.CreateDirectory(_dir).FullName, "garage.json");

        var (shipped, errors) = SiteDevices.Load(configuration, siteFile, EngineConfig.Default);
        Assert.Empty(errors);
        Assert.Equal(1674, shipped.Single().Modes["standard"].PowerW);

        // The site's own avalon-q (say, tuned for a quieter room) wins over the shipped one.
        Directory.CreateDirectory(Path.Combine(_dir, "templates"));
        File.WriteAllText(Path.Combine(_dir, "templates", "avalon-q.json"), """
            { "kind": "miner", "driver": "cgminer", "firmware": "avalon", "port": 4028,
              "modes": { "eco": { "powerW": 700, "workMode": 0 }, "standard": { "powerW": 1200, "workMode": 0 }, "super": { "powerW": 1674, "workMode": 1 } } }
            """);
        var (own, ownErrors) = SiteDevices.Load(configuration, siteFile, EngineConfig.Default);
        Assert.Empty(ownErrors);
        Assert.Equal(1200, own.Single().Modes["standard"].PowerW);
    }

    [Fact]
    public void ABrokenTemplateFileIsNamed()
    {
        var templates = Directory.CreateDirectory(Path.Combine(_dir, "templates")).FullName;
        File.WriteAllText(Path.Combine(templates, "half.json"), "{ \"kind\": \"miner\", ");
        File.WriteAllText(Path.Combine(templates, "toaster.json"), "{ \"kind\": \"toaster\", \"driver\": \"sunspec\" }");
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Site:Devices:0:Id"] = "m1",
            ["Site:Devices:0:Template"] = "half",
            ["Site:Devices:1:Id"] = "t1",
            ["Site:Devices:1:Template"] = "toaster",
            ["Site:Devices:1:Host"] = "127.0.0.1",
        }).Build();

        var (_, errors) = SiteDevices.Load(configuration, Path.Combine(_dir, "my-site.json"), EngineConfig.Default);

        Assert.Contains(errors, e => e.StartsWith("templates/half.json: not valid JSON", StringComparison.Ordinal));
        Assert.Contains("my-site.json: Site:Devices[1] (t1), template templates/toaster.json: Kind: must be one of pv_inverter, grid_meter, battery, miner, relay (got 'toaster')", errors);
    }

    [Fact]
    public void AnMqttDeviceMappingIsCheckedByTheAdaptersRulesAndNamedByDevice()
    {
        var error = Assert.Throws<StartupException>(() => SiloHost.Build(
        [
            "--data-dir", _dir,
            "--Site:Devices:8:Id=heat-pump-meter", "--Site:Devices:8:Template=generic-mqtt-device",
            "--Site:Devices:8:Signals:0:Topic=tele/+/SENSOR", "--Site:Devices:8:Signals:0:Signal=heat_w",
        ], TextWriter.Null));

        Assert.Contains("standalone.json: Site:Devices[8] (heat-pump-meter): Signals[0]:Topic: must be one exact topic without wildcards (got 'tele/+/SENSOR')", error.Message, StringComparison.Ordinal);
        Assert.Contains("standalone.json: Site:Devices[8] (heat-pump-meter): Signals[0]:Signal: 'heat_w' is no signal", error.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }
}
