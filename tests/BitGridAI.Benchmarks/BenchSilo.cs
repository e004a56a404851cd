using System.Net.Sockets;
using System.Net;
using BitGridAI.Grains.Abstractions.Messages;
using BitGridAI.Grains.Abstractions.Ports;
using BitGridAI.Grains.Abstractions.Site;
using BitGridAI.Grains.Hosting;
using BitGridAI.Silo.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace BitGridAI.Benchmarks;

/// <summary>
/// An in-process silo with the production wiring (SQLite state and event log in a temporary directory,
/// memory streams, the given sites on a fake site clock), no polling and no tick timer: a benchmark
/// drives it. The miner port is the benchmark's own; the device and relay ports too when it gives them
/// (real drivers), otherwise nothing is polled and every relay switches at once.
/// </summary>
internal sealed class BenchSilo : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly string _dataDir;

    private BenchSilo(IHost host, string dataDir)
    {
        _host = host;
        _dataDir = dataDir;
    }

    public IGrainFactory Grains => _host.Services.GetRequiredService<IGrainFactory>();

    public static async Task<BenchSilo> StartAsync(
        string name,
        TimeProvider clock,
        IReadOnlyList<SiteDefinition> sites,
        IMinerPort miners,
        IDevicePort? devices = null,
        IRelayPort? relays = null)
    {
        var dataDir = Path.Combine(Path.GetTempPath(), $"bitgrid-{name}-" + Guid.NewGuid().ToString("N"));
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(devices ?? new NoPolling());
        builder.Services.AddSingleton(miners);
        builder.Services.AddSingleton(relays ?? new NoRelays());
        builder.UseOrleans(silo => silo
            .UseLocalhostClustering(siloPort: FreePort(), gatewayPort: FreePort(), serviceId: name, clusterId: name)
            .AddBitGridStorage(dataDir)
            .AddBitGridStreams()
            .AddBitGridSites(clock, new StaticSiteCatalog(sites), t =>
            {
                t.TickCheckInterval = TimeSpan.Zero;
                t.PollInterval = TimeSpan.Zero;
            }));
        var host = builder.Build();
        await host.StartAsync();
        return new BenchSilo(host, dataDir);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
        Directory.Delete(_dataDir, recursive: true);
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed class NoPolling : IDevicePort
    {
        public ValueTask<IReadOnlyList<TelemetrySample>> ReadAsync(string deviceId, CancellationToken cancellationToken) =>
            ValueTask.FromResult<IReadOnlyList<TelemetrySample>>([]);
    }

    private sealed class NoRelays : IRelayPort
    {
        public ValueTask SwitchAsync(string relayId, bool on, CancellationToken cancellationToken) => ValueTask.CompletedTask;
    }
}
