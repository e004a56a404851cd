using BitGridAI.Grains.Ports;
using BitGridAI.Silo.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;

namespace BitGridAI.Grains.Tests;

/// <summary>The production silo wiring (SQLite state and event log, streams, sites) with a fake site clock and no timers.</summary>
public sealed class TestSiloConfigurator : ISiloConfigurator
{
    /// <summary>Site time for every test silo in this process; tests move it.</summary>
    public static readonly FakeTimeProvider Clock = new(new DateTimeOffset(2026, 6, 21, 10, 0, 0, TimeSpan.Zero));

    public void Configure(ISiloBuilder siloBuilder)
    {
        var dataDir = siloBuilder.Configuration["BitGridDataDir"] ?? throw new InvalidOperationException("BitGridDataDir is not set");
        siloBuilder
            .AddBitGridStorage(dataDir)
            .AddBitGridStreams()
            .AddBitGridSites(Clock, TestSites.Catalog, timing =>
            {
                timing.TickCheckInterval = TimeSpan.Zero;
                timing.PollInterval = TimeSpan.Zero;
            });
        siloBuilder.Services.AddSingleton<IDevicePort, SilentDevicePort>();
        siloBuilder.Services.AddSingleton<IMinerPort, RecordingMinerPort>();
    }
}
