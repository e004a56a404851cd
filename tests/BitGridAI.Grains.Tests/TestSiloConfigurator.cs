using BitGridAI.Grains.Abstractions.Ports;
using BitGridAI.Silo.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;

namespace BitGridAI.Grains.Tests;

/// <summary>The production silo wiring (SQLite state and event log, streams, sites) with a fake site clock and no timers.</summary>
public sealed class TestSiloConfigurator : ISiloConfigurator
{
    /// <summary>Site time of the main test silo; tests move it.</summary>
    public static readonly FakeTimeProvider Clock = new(new DateTimeOffset(2026, 6, 21, 10, 0, 0, TimeSpan.Zero));

    /// <summary>Site time of the safety test silo (its collection runs in parallel with the main one).</summary>
    public static readonly FakeTimeProvider SafetyClock = new(new DateTimeOffset(2026, 6, 21, 10, 0, 0, TimeSpan.Zero));

    public void Configure(ISiloBuilder siloBuilder)
    {
        var dataDir = siloBuilder.Configuration["BitGridDataDir"] ?? throw new InvalidOperationException("BitGridDataDir is not set");
        var safety = siloBuilder.Configuration["BitGridWatchdog"] == "on";
        siloBuilder
            .AddBitGridStorage(dataDir)
            .AddBitGridStreams()
            .AddBitGridSites(safety ? SafetyClock : Clock, TestSites.Catalog, timing =>
            {
                timing.TickCheckInterval = TimeSpan.Zero;
                // The safety silo polls (a silent port, unless a test makes it hang or throw): polls run beside the safety path.
                timing.PollInterval = safety ? TimeSpan.FromMilliseconds(20) : TimeSpan.Zero;
                // The safety silo runs the miner watchdog often in real time; tests move its fake site clock.
                timing.WatchdogInterval = safety ? TimeSpan.FromMilliseconds(20) : TimeSpan.Zero;
            });
        siloBuilder.Services.AddSingleton<IDevicePort, SilentDevicePort>();
        siloBuilder.Services.AddSingleton<IMinerPort, RecordingMinerPort>();
        siloBuilder.Services.AddSingleton<IRelayPort, RecordingRelayPort>();
    }
}
