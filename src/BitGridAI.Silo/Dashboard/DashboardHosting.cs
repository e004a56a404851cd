using BitGridAI.Silo.Dashboard.Components;
using BitGridAI.Silo.Api;
using Orleans.Dashboard;

namespace BitGridAI.Silo.Dashboard;

/// <summary>
/// Puts the dashboard into the silo's web host: Blazor interactive server components at <c>/</c> (the login happens in
/// the page, so no API token header is needed to open it) and Orleans' own cluster statistics at <c>/orleans</c>.
/// </summary>
internal static class DashboardHosting
{
    /// <summary>Where Orleans' dashboard (cluster statistics) is mounted.</summary>
    public const string OrleansPath = "/orleans";

    public static void AddBitGridDashboard(this WebApplicationBuilder builder)
    {
        // Running from bin/ outside Development, blazor.web.js is found only through the static web assets manifest.
        builder.WebHost.UseStaticWebAssets();
        builder.Services.AddRazorComponents().AddInteractiveServerComponents(circuit =>
        {
            // A closed tab's circuit is kept briefly for a reconnect, not for the default three minutes: memory is scarce on a thin client.
            circuit.DisconnectedCircuitRetentionPeriod = TimeSpan.FromSeconds(30);
            circuit.DisconnectedCircuitMaxRetained = 10;
        });
        builder.Services.AddScoped<DashboardSession>();
        builder.Services.AddScoped<DashboardActions>();
        builder.Services.AddSingleton<DashboardKpis>();
        // Orleans' dashboard may stream the silo's log to anyone who can reach /orleans: it does not.
        builder.Services.Configure<DashboardOptions>(options => options.HideTrace = true);
    }

    public static void MapBitGridDashboard(this WebApplication app)
    {
        app.UseStaticFiles();
        app.UseAntiforgery();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        if (app.Services.GetRequiredService<ApiOptions>().OrleansDashboard)
        {
            app.MapOrleansStatistics(app.Services.GetRequiredService<ApiOptions>().OrleansDashboardOnLan);
        }
    }

    /// <summary>Orleans' dashboard on the silo, when <see cref="ApiOptions.OrleansDashboard"/> asks for it.</summary>
    public static ISiloBuilder AddOrleansDashboard(this ISiloBuilder silo, bool enabled) => enabled ? silo.AddDashboard() : silo;

    /// <summary>
    /// Orleans' dashboard under <see cref="OrleansPath"/>, set up on its first request: mapping it loads all of its
    /// embedded web assets (~17 MB, kept in memory twice), which an idle silo on a thin client should not carry.
    /// </summary>
    private static void MapOrleansStatistics(this WebApplication app, bool onLan)
    {
        var pipeline = new Lazy<RequestDelegate>(() =>
        {
            var orleans = new ApplicationBuilder(app.Services);
            orleans.UseRouting();
            orleans.UseEndpoints(endpoints => endpoints.MapOrleansDashboard());
            return orleans.Build();
        });
        app.Map(OrleansPath, branch => branch.Run(context =>
        {
            // No login of its own: only this machine may look, unless the configuration opens it to the LAN.
            if (!onLan && context.Connection.RemoteIpAddress is { } remote && !System.Net.IPAddress.IsLoopback(remote))
            {
                return Problems.Write(context, StatusCodes.Status403Forbidden, "Forbidden",
                    "Orleans' dashboard answers only on the silo's own machine (set Api:OrleansDashboardOnLan=true to open it to the LAN)");
            }
            // Its pages load their scripts by relative paths: /orleans must end in a slash.
            if (!context.Request.Path.HasValue)
            {
                context.Response.Redirect($"{context.Request.PathBase}/{context.Request.QueryString}");
                return Task.CompletedTask;
            }
            return pipeline.Value(context);
        }));
    }
}
