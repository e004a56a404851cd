using System.Net;
using System.Text.Json;
using BitGridAI.Silo.Configuration;
using BitGridAI.Silo.Mqtt;
using BitGridAI.Simulator;
using BitGridAI.Storage.Postgres;
using Microsoft.Extensions.Options;

namespace BitGridAI.Silo.Hosting;

/// <summary>
/// <c>bitgrid-silo --devices-only true --config site.json</c>: one site's simulated devices over their real protocols
/// (SunSpec over Modbus, the miners' APIs, MQTT plugs and prices) and the site's MQTT broker, with no silo. With
/// <c>Cluster:Sites</c> in the configuration, one process serves every simulated site listed there, each on its own
/// ports, with one broker per distinct MQTT port. In a
/// cluster the devices must outlive any silo, as real hardware does; with <c>Cluster:Connection</c> they run on the
/// cluster's clock. A loopback-only control port (<c>Simulator:ControlPort</c>) shows the physical state and injects
/// faults (a dead fan), for demos and failover tests.
/// </summary>
internal static class DeviceSimulatorHost
{
    public static WebApplication Build(IConfigurationRoot configuration, SiloOptions silo, ClusterOptions cluster, PostgresDatabase? database, TextWriter console)
    {
        // With Cluster:Sites one process serves every simulated site listed there; else the one site of this file.
        var sites = cluster.Sites.Count > 0
            ? SiloHost.LoadSites(configuration, cluster).Where(s => s.Simulation.Enabled).ToList()
            : [SiteSetup.Load(configuration, "")];
        if (sites.Count == 0 || !sites[0].Simulation.Enabled)
        {
            throw new StartupException("--devices-only: Simulator:Enabled is false in this configuration: there are no simulated devices to serve");
        }
        var (siteTime, speed) = database is not null
            ? SiloHost.ClusterClock(database, silo, simulated: true)
            : (new AcceleratedTimeProvider(silo.SimulationStart, silo.Speed), silo.Speed);
        var controlPort = configuration.GetValue<int?>("Simulator:ControlPort");
        if (controlPort is < 0 or > 65535)
        {
            throw new StartupException($"invalid configuration: Simulator:ControlPort: must be 0 to 65535 (got {controlPort})");
        }

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddConfiguration(configuration);
        builder.Logging.ClearProviders().AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "HH:mm:ss.fff "; o.UseUtcTimestamp = true; }).AddConfiguration(configuration.GetSection("Logging"));
        // The brokers first (one per distinct port; sites may share one): the simulated plugs and the price publishers connect to them.
        foreach (var shared in sites.Where(s => s.Mqtt.Enabled).GroupBy(s => s.Mqtt.Port))
        {
            var mqtt = shared.First().Mqtt;
            var access = SiloHost.BrokerAccess(mqtt, [.. shared.Select(s => (s.Devices, s.Telemetry))]);
            builder.Services.AddSingleton<IHostedService>(new EmbeddedMqttBroker(Options.Create(mqtt), access));
        }
        var simulated = sites.Select(s => new SimulatedSite(s.Simulation, siteTime)).ToList();
        for (var i = 0; i < sites.Count; i++)
        {
            builder.Services.AddSingleton<IHostedService>(new SimulatorHost(simulated[i], sites[i].Simulation));
        }
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            // Without a control port the web host still needs an address: an unused loopback one.
            kestrel.Listen(IPAddress.Loopback, controlPort ?? 0);
        });
        var app = builder.Build();
        if (controlPort is > 0)
        {
            for (var i = 0; i < sites.Count; i++)
            {
                MapControl(app, $"/simulator/{sites[i].Definition.Id}", simulated[i], sites[i], siteTime);
            }
            if (sites.Count == 1)
            {
                MapControl(app, "/simulator", simulated[0], sites[0], siteTime);
            }
        }
        foreach (var site in sites)
        {
            var protocols = site.Simulation.Protocols;
            console.WriteLine($"BitGridAI devices: site '{site.Definition.Id}' simulated ({site.Definition.Devices.Count} device(s), {site.Definition.Miners.Count()} miner(s)); "
                + $"Modbus {protocols.Host}:{protocols.ModbusPort}; miner APIs {string.Join(", ", site.Simulation.Miners.Select(m => $"{m.Id} :{m.ApiPort}"))}; "
                + $"MQTT {(site.Mqtt.Enabled ? $"{site.Mqtt.Host}:{site.Mqtt.Port}" : "off")}");
        }
        console.WriteLine($"site time {siteTime.GetUtcNow():yyyy-MM-dd HH:mm}Z running ×{speed}{(database is null ? "" : $" (cluster clock on PostgreSQL {database.Endpoint})")}"
            + $"{(controlPort is > 0 ? $"; control on http://127.0.0.1:{controlPort}" : "")}; Ctrl-C stops");
        console.Flush();
        return app;
    }

    /// <summary>
    /// GET {prefix} (the physical state) and POST {prefix}/miners/{id}/fan-failure?minutes=N, on loopback only; the prefix
    /// is <c>/simulator/{site}</c>, and <c>/simulator</c> too when the process serves one site.
    /// </summary>
    private static void MapControl(WebApplication app, string prefix, SimulatedSite simulated, SiteSetup site, TimeProvider siteTime)
    {
        var json = new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };
        app.MapGet(prefix, () => Results.Json(new
        {
            Site = site.Definition.Id,
            SiteTime = siteTime.GetUtcNow(),
            simulated.PvW,
            simulated.HouseW,
            simulated.SocPct,
            Miners = site.Simulation.Miners.Select(m => new
            {
                m.Id,
                PowerW = Math.Round(simulated.MinerPowerW(m.Id)),
                ChipC = Math.Round(simulated.MinerChipC(m.Id), 1),
                Mode = simulated.ModeOf(m.Id).ToString(),
            }),
        }, json));
        app.MapPost(prefix + "/miners/{id}/fan-failure", (string id, int? minutes) =>
        {
            if (site.Simulation.Miners.All(m => m.Id != id))
            {
                return Results.Problem(statusCode: 404, title: "No such miner", detail: $"no simulated miner '{id}' (miners: {string.Join(", ", site.Simulation.Miners.Select(m => m.Id))})");
            }
            if (minutes is not (null or (>= 1 and <= 1440)))
            {
                return Results.Problem(statusCode: 400, title: "Invalid minutes", detail: $"minutes: must be 1 to 1440 (got {minutes})");
            }
            simulated.FailFan(id, TimeSpan.FromMinutes(minutes ?? 30));
            return Results.Accepted();
        });
    }
}
