using System.Net;
using System.Security.Cryptography.X509Certificates;
using BitGridAI.Grains.Abstractions.Ports;
using BitGridAI.Grains.Abstractions.Site;
using BitGridAI.Silo.Control;
using BitGridAI.Silo.Metrics;
using BitGridAI.Silo.Dashboard;
using BitGridAI.Silo.Hosting;
using BitGridAI.Storage;
using BitGridAI.Storage.Access;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace BitGridAI.Silo.Api;

/// <summary>Puts the HTTP API into the silo's web host: Kestrel on the configured address, tokens, roles, rate limits, audit, OpenAPI.</summary>
internal static class ApiHosting
{
    public static void AddBitGridApi(this WebApplicationBuilder builder, ApiOptions options, SiteDefinition site, string dataDir, TimeProvider siteTime)
    {
        var url = new Uri(options.Url);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = JsonBody.MaxBytes;
            void Configure(ListenOptions listen)
            {
                if (url.Scheme == "https")
                {
                    listen.UseHttps(Certificate(options));
                }
            }
            if (url.Host == "localhost")
            {
                kestrel.ListenLocalhost(url.Port, Configure);
            }
            else if (IPAddress.TryParse(url.Host.Trim('[', ']'), out var address))
            {
                kestrel.Listen(address, url.Port, Configure);
            }
            else
            {
                kestrel.ListenAnyIP(url.Port, Configure);
            }
        });
        builder.Services.AddSingleton(new TokenStore(new SqliteDatabase(TokenStore.PathIn(dataDir)), TimeProvider.System));
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(site);
        builder.Services.AddSingleton(new ApiExports(Path.Combine(dataDir, "exports"), siteTime));
        builder.Services.AddSingleton(sp => new SiteControl(sp.GetRequiredService<IGrainFactory>(), site, sp.GetRequiredService<SiteClock>(),
            sp.GetService<DatabasePulse>() is { } pulse ? () => pulse.Error : null));
        builder.Services.AddSingleton(sp => new GrainInspector(sp.GetRequiredService<IGrainFactory>(), site));
        builder.Services.AddSingleton<LiveStream>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<LiveStream>());
        builder.Services.AddSingleton<IDecisionObserver>(sp => sp.GetRequiredService<LiveStream>());
        builder.Services.AddAuthentication(TokenAuthentication.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, TokenAuthentication>(TokenAuthentication.SchemeName, _ => { });
        builder.Services.AddAuthorization(ApiPolicies.Add);
        builder.Services.AddSingleton<ApiRateLimits>();
        builder.Services.AddOpenApi("v1");
        // Keys for the dashboard's circuits and anti-forgery survive a restart: an open browser tab reconnects.
        builder.Services.AddDataProtection().PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(dataDir, "keys"))).SetApplicationName("bitgrid");
        builder.Services.AddProblemDetails();
        builder.Services.AddBitGridMetrics();
        builder.AddBitGridDashboard();
    }

    public static void UseBitGridApi(this WebApplication app)
    {
        // Anything unexpected is a 500 Problem Details without internals (the log has them), never a stack trace.
        app.UseExceptionHandler(error => error.Run(context =>
            Problems.Write(context, StatusCodes.Status500InternalServerError, "Internal error", "the silo could not answer this request; see its log")));
        app.UseWebSockets();
        app.UseRouting();
        app.UseAuthentication();
        app.UseMiddleware<ControlAudit>();
        app.UseAuthorization();
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        app.MapBitGridMetrics();
        app.MapBitGridApi();
        app.MapBitGridDashboard();
    }

    private static X509Certificate2 Certificate(ApiOptions options)
    {
        var path = options.CertificatePath!;
        try
        {
            return options.CertificateKeyPath is { Length: > 0 } key
                ? X509Certificate2.CreateFromPemFile(path, key)
                : path.EndsWith(".pem", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".crt", StringComparison.OrdinalIgnoreCase)
                    ? X509Certificate2.CreateFromPemFile(path)
                    : X509CertificateLoader.LoadPkcs12FromFile(path, options.CertificatePassword);
        }
        catch (Exception e) when (e is System.Security.Cryptography.CryptographicException or IOException)
        {
            throw new StartupException($"invalid configuration: Api:CertificatePath: cannot load '{path}': {e.Message}");
        }
    }
}
