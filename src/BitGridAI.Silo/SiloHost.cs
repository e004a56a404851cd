using BitGridAI.Adapters.Mqtt;
using BitGridAI.Explain;
using BitGridAI.Explain.Rephrasing;
using BitGridAI.Grains.Abstractions.Ports;
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
        if (configuration.GetValue<bool>(SiloConfiguration.DevicesOnlyKey))
        {
            return DeviceSimulatorHost.Build(configuration, silo, cluster, database, console);
        }
        var mqtt = Checked(configuration.GetSection(MqttBrokerOptions.Section).Get<MqttBrokerOptions>() ?? new(), new MqttBrokerOptionsValidator());
        var eventLog = Checked(configuration.GetSection(EventLogOptions.Section).Get<EventLogOptions>() ?? new(), new EventLogOptionsValidator());
        var mirror = configuration.GetSection(MirrorSettings.Section).Get<MirrorSettings>() ?? new();
        var api = Checked(configuration.GetSection(ApiOptions.Section).Get<ApiOptions>() ?? new(), new ApiOptionsValidator());
        var sites = LoadSites(configuration, cluster);
        var definition = (api.Site is { Length: > 0 } apiSite ? sites.FirstOrDefault(s => s.Definition.Id == apiSite) : sites[0])?.Definition
            ?? throw new StartupException($"invalid configuration: Api:Site: no site '{api.Site}' (sites: {string.Join(", ", sites.Select(s => s.Definition.Id))})");
        // The silo serves simulated devices only for the site in its own file; the sites of Cluster:Sites are served
        // by their own device process (--devices-only), which outlives any silo.
        var own = cluster.Sites.Count == 0 ? sites[0] : null;
        var simulation = own?.Simulation;
        var simulated = simulation is { Enabled: true };

        // Standalone with the simulator: an accelerated clock that resumes where it stopped; standalone without it:
        // real time. A cluster runs on one clock stored in PostgreSQL, so every silo puts a reading in the same block.
        var dataDir = Path.GetFullPath(silo.DataDir);
        var mirrorOptions = MirrorOptionsOf(mirror, dataDir, eventLog);
        var clockStore = new SimulatedClockStore(dataDir);
        if (database is not null)
        {
            ApplySchema(database, console);
        }
        var (siteTime, speed) = database is not null
            ? ClusterClock(database, silo, sites.Any(s => s.Simulation.Enabled))
            : simulated ? (new AcceleratedTimeProvider(clockStore.Resume(silo.Speed) ?? silo.SimulationStart, silo.Speed), silo.Speed) : (TimeProvider.System, 1.0);

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = [],
            ContentRootPath = AppContext.BaseDirectory,
        });
        // Only the silo's own configuration (file, BITGRID_ environment, command line): no appsettings.json or ASPNETCORE_ variables.
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddConfiguration(configuration);
        builder.Logging.ClearProviders().AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "HH:mm:ss.fff "; o.UseUtcTimestamp = true; }).AddConfiguration(configuration.GetSection("Logging"))
            // The dashboard's circuit keys live unencrypted in {data}/keys by design (a thin client has no key vault): no warning per start.
            .AddFilter("Microsoft.AspNetCore.DataProtection", LogLevel.Error);
        builder.Services.AddOptions<SiloOptions>().Bind(configuration.GetSection(SiloOptions.Section)).ValidateOnStart();
        builder.Services.AddOptions<MqttBrokerOptions>().Bind(configuration.GetSection(MqttBrokerOptions.Section)).ValidateOnStart();
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
        if (simulated)
        {
            // Started before the silo, so the first polls find the simulated devices answering.
            builder.Services.AddSingleton(clockStore);
            builder.Services.AddSingleton(sp => new SimulatedSiteStore(dataDir, sp.GetRequiredService<ILogger<SimulatedSiteStore>>()));
            builder.Services.AddSingleton(new SimulatedSite(simulation!, siteTime));
            builder.Services.AddSingleton(simulation!);
            // The keeper first: it restores the site's stored state before the simulator serves it, and is the
            // last to stop, saving the state after the servers have gone quiet.
            builder.Services.AddHostedService<SimulationKeeper>();
            builder.Services.AddHostedService<SimulatorHost>();
        }
        var siteClock = new SiteClock(siteTime);
        var ports = new SitePorts([.. sites.Select(s => (s.Devices.Select(d => d.Id), SiteDrivers.Ports(s.Devices, new MqttRelayPort(s.Relays), siteClock, TimeProvider.System)))]);
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
        builder.Services.AddSingleton<IDecisionObserver>(new ConsoleDecisionPrinter(console, [.. sites.Select(s => s.Definition)], language, persona));
        builder.Services.AddSingleton(BrokerAccess(mqtt, own?.Devices ?? [], own?.Telemetry ?? new MqttTelemetryOptions()));
        builder.Services.AddHostedService<EmbeddedMqttBroker>();
        builder.Services.AddHostedService<SiteStarter>();
        var catalog = new StaticSiteCatalog([.. sites.Select(s => s.Definition)]);
        if (database is not null)
        {
            builder.Services.AddSingleton(sp => new DatabasePulse(database, TimeProvider.System, sp.GetRequiredService<ILogger<DatabasePulse>>()));
            builder.Services.AddHostedService(sp => sp.GetRequiredService<DatabasePulse>());
            builder.Services.AddHostedService(sp => new ClusterKeeper(sp.GetRequiredService<IGrainFactory>(), catalog, cluster.WakeInterval, sp.GetRequiredService<ILogger<ClusterKeeper>>()));
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
                        .Configure<Orleans.Configuration.ClusterMembershipOptions>(options =>
                        {
                            // A silo that stops answering is declared dead after MissedProbesLimit × ProbeTimeout; its
                            // grains (a miner's watchdog among them) come back on a survivor right after.
                            options.ProbeTimeout = cluster.ProbeTimeout;
                            options.NumMissedProbesLimit = cluster.MissedProbesLimit;
                        })
                        .ConfigureEndpoints(advertised!, silo.SiloPort, silo.GatewayPort, listenOnAnyHostAddress: false)
                        .UseBitGridTls(cluster, console)
                        .AddBitGridClusterStorage(database, dataDir))
                .AddBitGridStreams()
                .AddOrleansDashboard(api.OrleansDashboard)
                .AddBitGridSites(siteTime, catalog, timing =>
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
        // One adapter per site, on the site's broker; it stamps samples without a timestamp of their own in site time.
        foreach (var site in sites)
        {
            var id = site.Definition.Id;
            builder.Services.AddKeyedSingleton(id, (sp, _) => new MqttTelemetryAdapter(
                site.Telemetry, sp.GetRequiredService<ITelemetrySink>(), siteTime, sp.GetRequiredService<ILogger<MqttTelemetryAdapter>>()));
            builder.Services.AddSingleton<IDecisionObserver>(sp => sp.GetRequiredKeyedService<MqttTelemetryAdapter>(id));
            builder.Services.AddSingleton<IHostedService>(sp => sp.GetRequiredKeyedService<MqttTelemetryAdapter>(id));
        }

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
        builder.Services.AddSingleton(sp => database is null
            ? SiteHistory.Of(sp.GetRequiredService<EventLogStore>())
            : SiteHistory.Of(sp.GetRequiredService<PostgresEventLog>(), definition.Id));
        builder.AddBitGridApi(api, definition, dataDir, siteTime);
        builder.AddBitGridHomeAssistant(configuration, mqtt, definition);
        foreach (var site in sites)
        {
            console.WriteLine($"BitGridAI silo: site '{site.Definition.Id}' ({site.Definition.Devices.Count} device(s), {site.Definition.Miners.Count()} miner(s){(site == own && simulated ? ", simulated" : "")}){(site.Source.Length > 0 ? $" from {site.Source}" : "")}, data in {dataDir}");
        }
        console.WriteLine($"site time {siteTime.GetUtcNow():yyyy-MM-dd HH:mm}Z running ×{speed}; MQTT {(mqtt.Enabled ? $"{mqtt.Host}:{mqtt.Port}" : "off")}; Ctrl-C stops");
        if (database is not null)
        {
            console.WriteLine($"cluster '{silo.ClusterId}' (service '{silo.ServiceId}') on PostgreSQL {database.Endpoint}: membership, grain state, reminders and the site clock there; this silo at {advertised}:{silo.SiloPort} (gateway {silo.GatewayPort}); each site's event log there too");
        }
        console.WriteLine($"API and dashboard on {api.Url}{(sites.Count > 1 ? $" (site '{definition.Id}')" : "")}");
        console.Flush();
        var app = builder.Build();
        app.UseBitGridApi();
        return app;
    }

    /// <summary>
    /// The sites this silo knows: those of <c>Cluster:Sites</c> (one file each, relative to the configuration file),
    /// else the one in the configuration itself. Site ids and device ids must be unique across them (a device
    /// grain is found by its id alone).
    /// </summary>
    internal static List<SiteSetup> LoadSites(IConfigurationRoot configuration, ClusterOptions cluster)
    {
        if (cluster.Sites.Count == 0)
        {
            return [SiteSetup.Load(configuration, "")];
        }
        var folder = Path.GetDirectoryName(configuration[SiloConfiguration.ConfigFileKey])!;
        var sites = new List<SiteSetup>();
        for (var i = 0; i < cluster.Sites.Count; i++)
        {
            var file = Path.GetFullPath(Path.Combine(folder, cluster.Sites[i]));
            var siteConfiguration = SiloConfiguration.BuildSite(file, $"Cluster:Sites:{i}");
            var site = SiteSetup.Load(siteConfiguration, file);
            // Every silo connects to every site's broker, and sites may share one: a client id per site and process,
            // or the connections take each other's session over.
            if (siteConfiguration[$"{MqttTelemetryOptions.Section}:ClientId"] is null)
            {
                site.Telemetry.ClientId = $"{site.Telemetry.ClientId}-{site.Definition.Id}-{Environment.ProcessId}";
            }
            sites.Add(site);
        }
        var errors = sites.GroupBy(s => s.Definition.Id).Where(g => g.Count() > 1)
            .Select(g => $"Cluster:Sites: site id '{g.Key}' is used by {string.Join(" and ", g.Select(s => s.Source))}")
            .Concat(sites.SelectMany(s => s.Devices.Select(d => (Device: d.Id, Site: s))).GroupBy(x => x.Device).Where(g => g.Count() > 1)
                .Select(g => $"Cluster:Sites: device id '{g.Key}' is used by sites {string.Join(" and ", g.Select(x => x.Site.Definition.Id))} (device ids are unique across a cluster)"))
            .ToList();
        return errors.Count > 0 ? throw new StartupException("invalid configuration: " + string.Join("; ", errors)) : sites;
    }

    /// <summary>
    /// The cluster's site clock, agreed through PostgreSQL: the first process anchors it (simulated sites at
    /// <c>Silo:SimulationStart</c> × <c>Silo:Speed</c>, real sites at real time), every later one follows it.
    /// </summary>
    internal static (TimeProvider Time, double Speed) ClusterClock(PostgresDatabase database, SiloOptions silo, bool simulated)
    {
        var now = DateTimeOffset.UtcNow;
        try
        {
            var anchor = ClusterClockAnchor.AgreeAsync(database, silo.ClusterId, simulated ? silo.SimulationStart : now, simulated ? silo.Speed : 1, now)
                .GetAwaiter().GetResult();
            return (new AcceleratedTimeProvider(anchor.SiteEpoch, anchor.RealEpoch, anchor.Speed), anchor.Speed);
        }
        catch (StorageException e)
        {
            throw new StartupException(e.Message);
        }
    }

    /// <summary>
    /// The embedded broker's accounts: each device account may use its devices' telemetry tree, their mapped
    /// topics and a plug's own prefix. An account naming a device the site does not have stops the start.
    /// </summary>
    internal static MqttBrokerAccess BrokerAccess(MqttBrokerOptions mqtt, IReadOnlyList<DeviceSettings> devices, MqttTelemetryOptions telemetry) =>
        BrokerAccess(mqtt, [(devices, telemetry)]);

    /// <summary>The accounts of a broker several sites share: each device's topics as its own site configures them.</summary>
    internal static MqttBrokerAccess BrokerAccess(MqttBrokerOptions mqtt, IReadOnlyList<(IReadOnlyList<DeviceSettings> Devices, MqttTelemetryOptions Telemetry)> sites)
    {
        var devices = sites.SelectMany(s => s.Devices).ToList();
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
            var (device, telemetry) = sites.SelectMany(s => s.Devices.Select(d => (Device: d, s.Telemetry))).First(x => x.Device.Id == id);
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

    internal static T Checked<T>(T options, IValidateOptions<T> validator) where T : class
    {
        var result = validator.Validate(Options.DefaultName, options);
        return result.Failed ? throw new StartupException("invalid configuration: " + string.Join("; ", result.Failures)) : options;
    }
}
