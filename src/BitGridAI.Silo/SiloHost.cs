using BitGridAI.Adapters.Mqtt;
using BitGridAI.Domain.Decisions;
using BitGridAI.Explain;
using BitGridAI.Explain.Rephrasing;
using BitGridAI.Grains.Abstractions.Ports;
using BitGridAI.Grains.Abstractions.Site;
using BitGridAI.Grains.Hosting;
using BitGridAI.Silo.Api;
using BitGridAI.Silo.Configuration;
using BitGridAI.Silo.HomeAssistant;
using BitGridAI.Silo.Hosting;
using BitGridAI.Silo.Mqtt;
using BitGridAI.Simulator;
using BitGridAI.Storage;
using BitGridAI.Storage.Access;
using BitGridAI.Storage.Mirror;
using BitGridAI.Storage.Postgres;
using BitGridAI.Storage.EventLog;
using System.Net;
using Microsoft.Extensions.Options;
using BitGridAI.Silo.Dashboard;

namespace BitGridAI.Silo;

/// <summary>
/// Builds the standalone silo: configuration checked before anything starts, then localhost clustering,
/// SQLite grain state and event log under the data directory, memory streams, the simulated site on an
/// accelerated clock that resumes where it stopped, the embedded MQTT broker and one console line per decision.
/// </summary>
internal static class SiloHost
{
    public static WebApplication Build(string[] args, TextWriter console)
    {
        var configuration = SiloConfiguration.Build(args);
        var silo = Checked(configuration.GetSection(SiloOptions.Section).Get<SiloOptions>() ?? new(), new SiloOptionsValidator());
        var mqtt = Checked(configuration.GetSection(MqttBrokerOptions.Section).Get<MqttBrokerOptions>() ?? new(), new MqttBrokerOptionsValidator());
        var eventLog = Checked(configuration.GetSection(EventLogOptions.Section).Get<EventLogOptions>() ?? new(), new EventLogOptionsValidator());
        var mirror = configuration.GetSection(MirrorSettings.Section).Get<MirrorSettings>() ?? new();
        var api = Checked(configuration.GetSection(ApiOptions.Section).Get<ApiOptions>() ?? new(), new ApiOptionsValidator());
        var siteOptions = Checked(configuration.GetSection(SiteOptions.Section).Get<SiteOptions>() ?? new(), new SiteOptionsValidator(configuration));
        var cluster = configuration.GetSection(ClusterOptions.Section).Get<ClusterOptions>() ?? new();
        PostgresDatabase? database = null;
        IPAddress? advertised = null;
        if (cluster.Enabled)
        {
            (database, advertised, var clusterErrors) = cluster.Resolve();
            if (clusterErrors.Count > 0)
            {
                throw new StartupException("invalid configuration: " + string.Join("; ", clusterErrors));
            }
        }
        var simulation = configuration.GetSection(SimulatedSiteOptions.Section).Get<SimulatedSiteOptions>() ?? new();
        // The binder adds configured list items to the default miner; a configured list replaces it.
        if (configuration.GetSection($"{SimulatedSiteOptions.Section}:Miners").Get<List<SimulatedMinerOptions>>() is { Count: > 0 } miners)
        {
            simulation.Miners = miners;
        }
        // The simulated plugs listen on the silo's own broker unless told otherwise.
        if (configuration["Simulator:Protocols:MqttPort"] is null)
        {
            simulation.Protocols.MqttHost = mqtt.Host == "0.0.0.0" ? "127.0.0.1" : mqtt.Host;
            simulation.Protocols.MqttPort = mqtt.Port;
        }
        var simulationErrors = SimulatedSiteOptionsValidator.Check(simulation);
        if (simulationErrors.Count > 0)
        {
            throw new StartupException("invalid configuration: " + string.Join("; ", simulationErrors));
        }

        var engine = EngineConfigSection.Read(configuration).Config;
        var (devices, deviceErrors) = SiteDevices.Load(configuration, configuration[SiloConfiguration.ConfigFileKey]!, engine);
        if (deviceErrors.Count > 0)
        {
            throw new StartupException("invalid device configuration: " + string.Join("; ", deviceErrors));
        }
        var definition = new SiteDefinition(
            siteOptions.Id,
            SiteDrivers.Definitions(devices),
            engine,
            DecisionText.ParseAutonomy(siteOptions.Autonomy),
            DecisionText.ParseStrategy(siteOptions.Strategy))
        {
            Freshness = siteOptions.Freshness(),
            Economics = siteOptions.Economics.ToEconomics(),
            Battery = siteOptions.Battery?.ToBattery() ?? (simulation.Enabled
                ? new SiteBattery(simulation.BatteryCapacityWh, simulation.MaxChargeW, simulation.MaxDischargeW, simulation.ChargeEfficiency, simulation.BatteryFloorPct)
                : null),
        };

        // With the simulator on, the site runs on an accelerated clock that resumes where it stopped, and the
        // simulated devices answer on loopback; without it, site time is real time and the devices are real.
        var simulated = simulation.Enabled;
        var dataDir = Path.GetFullPath(silo.DataDir);
        var mirrorOptions = MirrorOptionsOf(mirror, dataDir, eventLog);
        var clockStore = new SimulatedClockStore(dataDir);
        TimeProvider siteTime = simulated ? new AcceleratedTimeProvider(clockStore.Resume(silo.Speed) ?? silo.SimulationStart, silo.Speed) : TimeProvider.System;
        var speed = simulated ? silo.Speed : 1;

        // Pushed telemetry: the embedded broker (or the one MqttTelemetry names) into the device grains.
        var telemetry = new MqttTelemetryOptions
        {
            Host = mqtt.Host == "0.0.0.0" ? "127.0.0.1" : mqtt.Host,
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
            .Select(d => new MqttSchemaDevice { Id = d.Id, Signals = [.. SiteDrivers.SignalsOf(d.Kind)] }));
        // The simulated tariff feeds a grid-meter device that is configured for MQTT (a polled meter may not
        // push), in the schema the adapter reads.
        if (configuration["Simulator:Protocols:PriceTopic"] is null && devices.FirstOrDefault(d => d.Kind == "grid_meter" && d.Driver == "mqtt") is { } meter)
        {
            simulation.Protocols.PriceTopic = $"{telemetry.TopicPrefix}/{telemetry.Site}/devices/{meter.Id}/telemetry";
        }
        if (MqttTelemetryOptionsValidator.Check(telemetry) is { Count: > 0 } telemetryErrors)
        {
            throw new StartupException("invalid configuration: " + string.Join("; ", telemetryErrors));
        }

        var brokerAccess = BrokerAccess(mqtt, devices, telemetry);

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = [],
            ContentRootPath = AppContext.BaseDirectory,
        });
        // Only the silo's own configuration (file, BITGRID_ environment, command line): no appsettings.json or ASPNETCORE_ variables.
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddConfiguration(configuration);
        builder.Logging.ClearProviders().AddSimpleConsole(o => o.SingleLine = true).AddConfiguration(configuration.GetSection("Logging"))
            // The dashboard's circuit keys live unencrypted in {data}/keys by design (a thin client has no key vault): no warning per start.
            .AddFilter("Microsoft.AspNetCore.DataProtection", LogLevel.Error);
        builder.Services.AddOptions<SiloOptions>().Bind(configuration.GetSection(SiloOptions.Section)).ValidateOnStart();
        builder.Services.AddOptions<MqttBrokerOptions>().Bind(configuration.GetSection(MqttBrokerOptions.Section)).ValidateOnStart();
        builder.Services.AddOptions<SiteOptions>().Bind(configuration.GetSection(SiteOptions.Section)).ValidateOnStart();
        builder.Services.AddOptions<ActuationOptions>().Bind(configuration.GetSection(ActuationOptions.Section)).ValidateOnStart();
        builder.Services.AddOptions<EventLogOptions>().Bind(configuration.GetSection(EventLogOptions.Section)).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<EventLogOptions>, EventLogOptionsValidator>();
        builder.Services.AddHostedService<EventLogRetention>();
        if (mirrorOptions is not null)
        {
            builder.Services.AddSingleton(mirror);
            builder.Services.AddSingleton(mirrorOptions);
            builder.Services.AddHostedService<MirrorPusher>();
        }
        builder.Services.AddSingleton<IValidateOptions<SiloOptions>, SiloOptionsValidator>();
        builder.Services.AddSingleton<IValidateOptions<MqttBrokerOptions>, MqttBrokerOptionsValidator>();
        builder.Services.AddSingleton<IValidateOptions<SiteOptions>, SiteOptionsValidator>();
        if (simulated)
        {
            // Started before the silo, so the first polls find the simulated devices answering.
            builder.Services.AddSingleton(clockStore);
            builder.Services.AddSingleton(sp => new SimulatedSiteStore(dataDir, sp.GetRequiredService<ILogger<SimulatedSiteStore>>()));
            builder.Services.AddSingleton(new SimulatedSite(simulation, siteTime));
            builder.Services.AddSingleton(simulation);
            // The keeper first: it restores the site's stored state before the simulator serves it, and is the
            // last to stop, saving the state after the servers have gone quiet.
            builder.Services.AddHostedService<SimulationKeeper>();
            builder.Services.AddHostedService<SimulatorHost>();
        }
        // Plugs switched over MQTT talk to the embedded broker unless MqttRelays names another one.
        var relayOptions = new MqttRelayOptions { Host = mqtt.Host, Port = mqtt.Port, Username = mqtt.Username, Password = mqtt.Password };
        configuration.GetSection(MqttRelayOptions.Section).Bind(relayOptions);
        relayOptions.Relays.AddRange(SiteDrivers.MqttRelays(devices));
        var ports = SiteDrivers.Ports(devices, new MqttRelayPort(relayOptions), new SiteClock(siteTime), TimeProvider.System);
        builder.Services.AddSingleton<IDevicePort>(ports);
        builder.Services.AddSingleton<IMinerPort>(ports);
        builder.Services.AddSingleton<IRelayPort>(ports);
        var explain = Checked(configuration.GetSection(ExplanationOptions.Section).Get<ExplanationOptions>() ?? new(), new ExplanationOptionsValidator());
        var (language, persona, _) = ExplainOptions.Parse(explain.Language, explain.Persona);
        // The optional on-device model: an incomplete folder stops the start with what is missing, never a guess.
        var rephraserOptions = RephraserOptions.FromSettings(key => configuration[key]);
        if (rephraserOptions.ModelFolder is { Length: > 0 })
        {
            var opening = OnnxRephraser.Open(rephraserOptions);
            var rephraser = opening.Rephraser ?? throw new StartupException($"invalid configuration: {RephraserOptions.ModelFolderKey}: {opening.Error}");
            builder.Services.AddSingleton(rephraser);
        }
        builder.Services.AddSingleton<IDecisionObserver>(new ConsoleDecisionPrinter(console, definition, language, persona));
        builder.Services.AddSingleton(brokerAccess);
        builder.Services.AddHostedService<EmbeddedMqttBroker>();
        builder.Services.AddHostedService<SiteStarter>();

        if (database is not null)
        {
            ApplySchema(database, console);
        }
        try
        {
            builder.UseOrleans(orleans => (database is null
                    ? orleans
                        .UseLocalhostClustering(silo.SiloPort, silo.GatewayPort, serviceId: silo.ServiceId, clusterId: silo.ClusterId)
                        .AddBitGridStorage(dataDir)
                    : orleans
                        .UseAdoNetClustering(options =>
                        {
                            options.Invariant = PostgresDatabase.Invariant;
                            options.ConnectionString = database.ConnectionString;
                        })
                        .Configure<Orleans.Configuration.ClusterOptions>(options =>
                        {
                            options.ServiceId = silo.ServiceId;
                            options.ClusterId = silo.ClusterId;
                        })
                        .ConfigureEndpoints(advertised!, silo.SiloPort, silo.GatewayPort, listenOnAnyHostAddress: false)
                        .UseBitGridTls(cluster, console)
                        .AddBitGridClusterStorage(database, dataDir))
                .AddBitGridStreams()
                .AddOrleansDashboard(api.OrleansDashboard)
                .AddBitGridSites(siteTime, new StaticSiteCatalog([definition]), timing =>
                {
                    // Devices are polled every 5 s of site time (at most every real second), so a miner's
                    // heartbeat stays far inside comm_timeout_sec however fast the site clock runs.
                    timing.PollInterval = TimeSpan.FromSeconds(Math.Min(1.0, 5.0 / speed));
                    // The safety watchdog looks at least once per second of site time.
                    timing.WatchdogInterval = TimeSpan.FromSeconds(Math.Min(1.0, 1.0 / speed));
                    configuration.GetSection(GrainTimingOptions.Section).Bind(timing);
                }));
            builder.Services.Configure<ExplanationOptions>(configuration.GetSection(ExplanationOptions.Section));
        }
        catch (StorageException e)
        {
            throw new StartupException(e.Message);
        }

        // After the silo, so the first pushed samples find the grains ready.
        builder.Services.AddSingleton<ITelemetrySink>(sp => new GrainTelemetrySink(sp.GetRequiredService<IGrainFactory>(), sp.GetRequiredService<ISiteCatalog>()));
        // Stamps samples without a timestamp of their own in site time.
        builder.Services.AddSingleton(sp => new MqttTelemetryAdapter(
            telemetry, sp.GetRequiredService<ITelemetrySink>(), siteTime, sp.GetRequiredService<ILogger<MqttTelemetryAdapter>>()));
        builder.Services.AddSingleton<IDecisionObserver>(sp => sp.GetRequiredService<MqttTelemetryAdapter>());
        builder.Services.AddHostedService(sp => sp.GetRequiredService<MqttTelemetryAdapter>());

        // The first start makes the admin token and shows it this once; only its hash is kept (access.db).
        try
        {
            if (new TokenStore(new SqliteDatabase(TokenStore.PathIn(dataDir)), TimeProvider.System).CreateFirstAdmin() is { } adminToken)
            {
                console.WriteLine($"admin token: {adminToken}");
            }
        }
        catch (StorageException e)
        {
            throw new StartupException(e.Message);
        }
        builder.AddBitGridApi(api, definition, dataDir, siteTime);
        builder.AddBitGridHomeAssistant(configuration, mqtt, definition);
        console.WriteLine($"BitGridAI silo: site '{definition.Id}' ({definition.Devices.Count} device(s), {definition.Miners.Count()} miner(s){(simulated ? ", simulated" : "")}), data in {dataDir}");
        console.WriteLine($"site time {siteTime.GetUtcNow():yyyy-MM-dd HH:mm}Z running ×{speed}; MQTT {(mqtt.Enabled ? $"{mqtt.Host}:{mqtt.Port}" : "off")}; Ctrl-C stops");
        if (database is not null)
        {
            console.WriteLine($"cluster '{silo.ClusterId}' (service '{silo.ServiceId}') on PostgreSQL {database.Endpoint}: membership, grain state and reminders there; this silo at {advertised}:{silo.SiloPort} (gateway {silo.GatewayPort}); event log in this silo's {EventLogStore.PathIn(dataDir)}");
        }
        console.WriteLine($"API and dashboard on {api.Url}");
        console.Flush();
        var app = builder.Build();
        app.UseBitGridApi();
        return app;
    }

    /// <summary>
    /// The embedded broker's accounts: each device account may use its devices' telemetry tree, their mapped
    /// topics and a plug's own prefix. An account naming a device the site does not have stops the start.
    /// </summary>
    private static MqttBrokerAccess BrokerAccess(MqttBrokerOptions mqtt, IReadOnlyList<DeviceSettings> devices, MqttTelemetryOptions telemetry)
    {
        var errors = new List<string>();
        for (var i = 0; i < mqtt.Accounts.Count; i++)
        {
            foreach (var id in mqtt.Accounts[i].Devices.Where(id => devices.All(d => d.Id != id)))
            {
                errors.Add($"Mqtt:Accounts:{i}:Devices: no device '{id}' in Site:Devices");
            }
        }
        if (errors.Count > 0)
        {
            throw new StartupException("invalid configuration: " + string.Join("; ", errors));
        }
        return new MqttBrokerAccess(mqtt, id =>
        {
            var device = devices.First(d => d.Id == id);
            IEnumerable<string> own = device.Driver switch
            {
                "shelly-gen2" => [$"{device.Topic}/#"],
                "shelly-gen1" => [$"shellies/{device.Topic}/#"],
                _ => [],
            };
            var mapped = telemetry.Devices.Where(m => m.Id == id).SelectMany(m => m.Signals).Select(s => s.Topic);
            return [$"{telemetry.TopicPrefix}/{telemetry.Site}/devices/{id}/#", .. own, .. mapped, .. device.Signals.Select(s => s.Topic)];
        });
    }

    /// <summary>The mirror's options when <c>Mirror:Target</c> is set (checked now: a target inside the data directory stops the start), else null.</summary>
    private static MirrorOptions? MirrorOptionsOf(MirrorSettings mirror, string dataDir, EventLogOptions eventLog)
    {
        if (string.IsNullOrWhiteSpace(mirror.Target))
        {
            return null;
        }
        if (mirror.Interval < TimeSpan.FromSeconds(5) || mirror.Interval > TimeSpan.FromDays(1))
        {
            throw new StartupException($"invalid configuration: Mirror:Interval: must be 00:00:05 to 1.00:00:00 (got {mirror.Interval})");
        }
        var options = new MirrorOptions(dataDir, mirror.Target, eventLog.SegmentRecords);
        try
        {
            options.Validate();
        }
        catch (ArgumentException e)
        {
            throw new StartupException($"invalid configuration: Mirror:Target: {e.Message}");
        }
        return options;
    }

    /// <summary>
    /// Applies the PostgreSQL scripts before the silo joins, retrying for as long as the server is unreachable
    /// (one line per attempt naming host:port); a server that refuses us stops the start.
    /// </summary>
    private static void ApplySchema(PostgresDatabase database, TextWriter console)
    {
        try
        {
            database.ApplyWithRetryAsync(TimeSpan.FromDays(3650), (e, wait) =>
            {
                console.WriteLine($"cluster: {e.Message}; retrying in {wait.TotalSeconds:0} s (Cluster:Connection)");
                console.Flush();
            }).GetAwaiter().GetResult();
        }
        catch (StorageException e)
        {
            throw new StartupException(e.Message);
        }
    }

    private static T Checked<T>(T options, IValidateOptions<T> validator) where T : class
    {
        var result = validator.Validate(Options.DefaultName, options);
        return result.Failed ? throw new StartupException("invalid configuration: " + string.Join("; ", result.Failures)) : options;
    }
}
