using BitGridAI.Adapters.Mqtt;
using BitGridAI.Domain.Decisions;
using BitGridAI.Grains.Hosting;
using BitGridAI.Grains.Ports;
using BitGridAI.Silo.Configuration;
using BitGridAI.Silo.Hosting;
using BitGridAI.Silo.Mqtt;
using BitGridAI.Simulator;
using BitGridAI.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BitGridAI.Silo;

/// <summary>
/// Builds the standalone silo: configuration checked before anything starts, then localhost clustering,
/// SQLite grain state and event log under the data directory, memory streams, the simulated site on an
/// accelerated clock that resumes where it stopped, the embedded MQTT broker and one console line per decision.
/// </summary>
internal static class SiloHost
{
    public static IHost Build(string[] args, TextWriter console)
    {
        var configuration = SiloConfiguration.Build(args);
        var silo = Checked(configuration.GetSection(SiloOptions.Section).Get<SiloOptions>() ?? new(), new SiloOptionsValidator());
        var mqtt = Checked(configuration.GetSection(MqttBrokerOptions.Section).Get<MqttBrokerOptions>() ?? new(), new MqttBrokerOptionsValidator());
        var siteOptions = Checked(configuration.GetSection(SiteOptions.Section).Get<SiteOptions>() ?? new(), new SiteOptionsValidator(configuration));
        var simulation = configuration.GetSection(SimulatedSiteOptions.Section).Get<SimulatedSiteOptions>() ?? new();
        var simulationErrors = SimulatedSiteOptionsValidator.Check(simulation);
        if (simulationErrors.Count > 0)
        {
            throw new StartupException("invalid configuration: " + string.Join("; ", simulationErrors));
        }

        var dataDir = Path.GetFullPath(silo.DataDir);
        var clockStore = new SimulatedClockStore(dataDir);
        var siteTime = new AcceleratedTimeProvider(clockStore.Load() ?? silo.SimulationStart, silo.Speed);
        var site = new SimulatedSite(simulation, siteTime);
        var engine = EngineConfigSection.Read(configuration).Config;
        var definition = site.ToSiteDefinition(
            siteOptions.Id,
            engine,
            DecisionText.ParseAutonomy(siteOptions.Autonomy),
            DecisionText.ParseStrategy(siteOptions.Strategy));

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = [],
            Configuration = new ConfigurationManager(),
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Configuration.AddConfiguration(configuration);
        builder.Logging.ClearProviders().AddSimpleConsole(o => o.SingleLine = true).AddConfiguration(configuration.GetSection("Logging"));
        builder.Services.AddOptions<SiloOptions>().Bind(configuration.GetSection(SiloOptions.Section)).ValidateOnStart();
        builder.Services.AddOptions<MqttBrokerOptions>().Bind(configuration.GetSection(MqttBrokerOptions.Section)).ValidateOnStart();
        builder.Services.AddOptions<SiteOptions>().Bind(configuration.GetSection(SiteOptions.Section)).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<SiloOptions>, SiloOptionsValidator>();
        builder.Services.AddSingleton<IValidateOptions<MqttBrokerOptions>, MqttBrokerOptionsValidator>();
        builder.Services.AddSingleton<IValidateOptions<SiteOptions>, SiteOptionsValidator>();
        builder.Services.AddSingleton(clockStore);
        builder.Services.AddSingleton<IDevicePort>(site);
        builder.Services.AddSingleton<IMinerPort>(site);
        // Plugs switched over MQTT talk to the embedded broker unless MqttRelays names another one.
        var relayOptions = new MqttRelayOptions { Host = mqtt.Host, Port = mqtt.Port, Username = mqtt.Username, Password = mqtt.Password };
        configuration.GetSection(MqttRelayOptions.Section).Bind(relayOptions);
        builder.Services.AddSingleton<IRelayPort>(new RelayRouter(new MqttRelayPort(relayOptions), site));
        builder.Services.AddSingleton<IDecisionObserver>(new ConsoleDecisionPrinter(console));
        builder.Services.AddHostedService<EmbeddedMqttBroker>();
        builder.Services.AddHostedService<SiteStarter>();
        builder.Services.AddHostedService<SimulatedClockKeeper>();

        try
        {
            builder.UseOrleans(orleans => orleans
                .UseLocalhostClustering(silo.SiloPort, silo.GatewayPort, serviceId: silo.ServiceId, clusterId: silo.ClusterId)
                .AddBitGridStorage(dataDir)
                .AddBitGridStreams()
                .AddBitGridSites(siteTime, new StaticSiteCatalog([definition]), timing =>
                {
                    // Devices are polled every 5 s of site time (at most every real second), so a miner's
                    // heartbeat stays far inside comm_timeout_sec however fast the site clock runs.
                    timing.PollInterval = TimeSpan.FromSeconds(Math.Min(1.0, 5.0 / silo.Speed));
                    // The safety watchdog looks at least once per second of site time.
                    timing.WatchdogInterval = TimeSpan.FromSeconds(Math.Min(1.0, 1.0 / silo.Speed));
                    configuration.GetSection(GrainTimingOptions.Section).Bind(timing);
                }));
        }
        catch (StorageException e)
        {
            throw new StartupException(e.Message);
        }

        console.WriteLine($"BitGridAI silo: site '{definition.Id}' ({definition.Miners.Count()} miner(s), simulated), data in {dataDir}");
        console.WriteLine($"site time {siteTime.GetUtcNow():yyyy-MM-dd HH:mm}Z running ×{silo.Speed}; MQTT {(mqtt.Enabled ? $"{mqtt.Host}:{mqtt.Port}" : "off")}; Ctrl-C stops");
        console.Flush();
        return builder.Build();
    }

    private static T Checked<T>(T options, IValidateOptions<T> validator) where T : class
    {
        var result = validator.Validate(Options.DefaultName, options);
        return result.Failed ? throw new StartupException("invalid configuration: " + string.Join("; ", result.Failures)) : options;
    }
}
