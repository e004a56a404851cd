using BitGridAI.Adapters.Mqtt;
using BitGridAI.Domain.Decisions;
using BitGridAI.Grains.Abstractions.Site;
using BitGridAI.Silo.Configuration;
using BitGridAI.Simulator;
using Microsoft.Extensions.Options;

namespace BitGridAI.Silo.Hosting;

/// <summary>
/// Everything one site needs, read from one configuration (the silo's own file, or one of <c>Cluster:Sites</c>): the
/// site as the grains see it, its devices, the simulated site that may stand in for them, the broker its devices
/// use, and how pushed telemetry and MQTT plugs reach the silo. Every error names its key and stops the start.
/// </summary>
internal sealed record SiteSetup(
    SiteDefinition Definition,
    IReadOnlyList<DeviceSettings> Devices,
    SimulatedSiteOptions Simulation,
    MqttBrokerOptions Mqtt,
    MqttTelemetryOptions Telemetry,
    MqttRelayOptions Relays,
    string Source)
{
    /// <summary>Reads and checks one site's configuration.</summary>
    /// <param name="configuration">The configuration holding the <c>Site</c>, <c>Mqtt</c> and <c>Simulator</c> sections.</param>
    /// <param name="source">The file it came from, for messages.</param>
    public static SiteSetup Load(IConfiguration configuration, string source)
    {
        var mqtt = Checked(configuration.GetSection(MqttBrokerOptions.Section).Get<MqttBrokerOptions>() ?? new(), new MqttBrokerOptionsValidator(), source);
        var siteOptions = Checked(configuration.GetSection(SiteOptions.Section).Get<SiteOptions>() ?? new(), new SiteOptionsValidator(configuration), source);
        var simulation = configuration.GetSection(SimulatedSiteOptions.Section).Get<SimulatedSiteOptions>() ?? new();
        // The binder adds configured list items to the default miner; a configured list replaces it.
        if (configuration.GetSection($"{SimulatedSiteOptions.Section}:Miners").Get<List<SimulatedMinerOptions>>() is { Count: > 0 } miners)
        {
            simulation.Miners = miners;
        }
        var brokerHost = mqtt.Host == "0.0.0.0" ? "127.0.0.1" : mqtt.Host;
        // The simulated plugs listen on the site's broker unless told otherwise.
        if (configuration["Simulator:Protocols:MqttPort"] is null)
        {
            simulation.Protocols.MqttHost = brokerHost;
            simulation.Protocols.MqttPort = mqtt.Port;
        }
        Fail(SimulatedSiteOptionsValidator.Check(simulation), "invalid configuration", source);

        var engine = EngineConfigSection.Read(configuration).Config;
        var (devices, deviceErrors) = SiteDevices.Load(configuration, configuration[SiloConfiguration.ConfigFileKey]!, engine);
        Fail(deviceErrors, "invalid device configuration", source);
        var definition = new SiteDefinition(
            siteOptions.Id,
            SiteDrivers.Definitions(devices),
            engine,
            DecisionText.ParseAutonomy(siteOptions.Autonomy),
            DecisionText.ParseStrategy(siteOptions.Strategy))
        {
            Freshness = siteOptions.Freshness(),
            Economics = siteOptions.Economics.ToEconomics(HeatValueSection.Read(configuration).ByMonth),
            Battery = siteOptions.Battery?.ToBattery() ?? (simulation.Enabled
                ? new SiteBattery(simulation.BatteryCapacityWh, simulation.MaxChargeW, simulation.MaxDischargeW, simulation.ChargeEfficiency, simulation.BatteryFloorPct)
                : null),
        };

        // Pushed telemetry: the site's broker (or the one MqttTelemetry names) into the device grains.
        var telemetry = new MqttTelemetryOptions
        {
            Host = brokerHost,
            Port = mqtt.Port,
            Username = mqtt.Username,
            Password = mqtt.Password,
            Site = siteOptions.Id,
        };
        configuration.GetSection(MqttTelemetryOptions.Section).Bind(telemetry);
        telemetry.Devices.AddRange(devices.Where(d => d.Driver == "mqtt" && d.Signals.Count > 0).Select(d => new MqttDeviceMapping { Id = d.Id, Signals = d.Signals }));
        // Only devices configured for MQTT may publish in BitGridAI's schema, and only the signals of their kind:
        // a polled device gets nothing over MQTT, a meter cannot report a miner's temperature.
        telemetry.SchemaDevices.AddRange(devices.Where(d => d.Driver == "mqtt")
            .Select(d => new MqttSchemaDevice { Id = d.Id, Signals = [.. SiteDrivers.SignalsOf(d.Kind), .. d.MarketPrices ? SiteDrivers.MarketPriceSignals : []] }));
        // The simulated tariff feeds a grid-meter device that is configured for MQTT (a polled meter may not
        // push), in the schema the adapter reads.
        if (configuration["Simulator:Protocols:PriceTopic"] is null && devices.FirstOrDefault(d => d.Kind == "grid_meter" && d.Driver == "mqtt") is { } meter)
        {
            simulation.Protocols.PriceTopic = $"{telemetry.TopicPrefix}/{telemetry.Site}/devices/{meter.Id}/telemetry";
            // The market prices go along only where the meter may publish them (its MarketPrices).
            if (configuration["Simulator:Protocols:PublishMarketPrices"] is null)
            {
                simulation.Protocols.PublishMarketPrices = meter.MarketPrices;
            }
        }
        Fail(MqttTelemetryOptionsValidator.Check(telemetry), "invalid configuration", source);

        // Plugs switched over MQTT talk to the site's broker unless MqttRelays names another one.
        var relays = new MqttRelayOptions { Host = mqtt.Host, Port = mqtt.Port, Username = mqtt.Username, Password = mqtt.Password };
        configuration.GetSection(MqttRelayOptions.Section).Bind(relays);
        relays.Relays.AddRange(SiteDrivers.MqttRelays(devices));
        return new SiteSetup(definition, devices, simulation, mqtt, telemetry, relays, source);
    }

    private static void Fail(IReadOnlyCollection<string> errors, string what, string source)
    {
        if (errors.Count > 0)
        {
            throw new StartupException($"{what}{Where(source)}: " + string.Join("; ", errors));
        }
    }

    private static string Where(string source) => source.Length == 0 ? "" : $" in {source}";

    private static T Checked<T>(T options, IValidateOptions<T> validator, string source) where T : class
    {
        var result = validator.Validate(Options.DefaultName, options);
        return result.Failed ? throw new StartupException($"invalid configuration{Where(source)}: " + string.Join("; ", result.Failures)) : options;
    }
}
