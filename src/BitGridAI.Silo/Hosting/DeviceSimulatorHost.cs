using System.Net;
using System.Text.Json;
using BitGridAI.Silo.Configuration;
using BitGridAI.Silo.Mqtt;
using BitGridAI.Simulator;
using BitGridAI.Storage.Postgres;

namespace BitGridAI.Silo.Hosting;

/// <summary>
/// <c>bitgrid-silo --devices-only true --config site.json</c>: one site's simulated devices over their real protocols
/// (SunSpec over Modbus, the miners' APIs, MQTT plugs and prices) and the site's MQTT broker, with no silo. In a
/// cluster the devices must outlive any silo, as real hardware does; with <c>Cluster:Connection</c> they run on the
/// cluster's clock. A loopback-only control port (<c>Simulator:ControlPort</c>) shows the physical state and injects
/// faults (a dead fan), for demos and failover tests.
/// </summary>
internal static class DeviceSimulatorHost
{
    public static WebApplication Build(IConfigurationRoot configuration, SiloOptions silo, PostgresDatabase? database, TextWriter console)
    {
        var site = SiteSetup.Load(configuration, "");
        if (!site.Simulation.Enabled)
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
        builder.Services.AddOptions<MqttBrokerOptions>().Bind(configuration.GetSection(MqttBrokerOptions.Section));
        builder.Services.AddSingleton(SiloHost.BrokerAccess(site.Mqtt, site.Devices, site.Telemetry));
        // The broker first: the simulated plugs and the price publisher connect to it.
        builder.Services.AddHostedService<EmbeddedMqttBroker>();
        var simulated = new SimulatedSite(site.Simulation, siteTime);
        builder.Services.AddSingleton(simulated);
        builder.Services.AddSingleton(site.Simulation);
        builder.Services.AddHostedService<SimulatorHost>();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            // Without a control port the web host still needs an address: an unused loopback one.
            kestrel.Listen(IPAddress.Loopback, controlPort ?? 0);
        });
        var app = builder.Build();
        if (controlPort is > 0)
        {
            MapControl(app, simulated, site, siteTime);
        }
        var protocols = site.Simulation.Protocols;
        console.WriteLine($"BitGridAI devices: site '{site.Definition.Id}' simulated ({site.Definition.Devices.Count} device(s), {site.Definition.Miners.Count()} miner(s)); "
            + $"Modbus {protocols.Host}:{protocols.ModbusPort}; miner APIs {string.Join(", ", site.Simulation.Miners.Select(m => $"{m.Id} :{m.ApiPort}"))}; "
            + $"MQTT {(site.Mqtt.Enabled ? $"{site.Mqtt.Host}:{site.Mqtt.Port}" : "off")}");
        console.WriteLine($"site time {siteTime.GetUtcNow():yyyy-MM-dd HH:mm}Z running ×{speed}{(database is null ? "" : $" (cluster clock on PostgreSQL {database.Endpoint})")}"
            + $"{(controlPort is > 0 ? $"; control on http://127.0.0.1:{controlPort}" : "")}; Ctrl-C stops");
        console.Flush();
        return app;
    }

    /// <summary>GET /simulator (the physical state) and POST /simulator/miners/{id}/fan-failure?minutes=N, on loopback only.</summary>
    private static void MapControl(WebApplication app, SimulatedSite simulated, SiteSetup site, TimeProvider siteTime)
    {
        var json = new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };
        app.MapGet("/simulator", () => Results.Json(new
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
        app.MapPost("/simulator/miners/{id}/fan-failure", (string id, int? minutes) =>
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
