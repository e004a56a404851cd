using BitGridAI.Grains.Hosting;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace BitGridAI.Silo.Metrics;

/// <summary>
/// Prometheus text at <c>/metrics</c>: the <see cref="BitGridMetrics"/> meter through OpenTelemetry. No token: nothing
/// in it controls anything (API.md), and a scraper on the LAN should not need one. The instruments: docs/metrics.md.
/// </summary>
internal static class MetricsHosting
{
    public const string Path = "/metrics";

    public static IServiceCollection AddBitGridMetrics(this IServiceCollection services)
    {
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("bitgrid-silo"))
            .WithMetrics(metrics => metrics.AddMeter(BitGridMetrics.MeterName).AddPrometheusExporter());
        return services;
    }

    public static void MapBitGridMetrics(this WebApplication app) => app.MapPrometheusScrapingEndpoint(Path).AllowAnonymous();
}
