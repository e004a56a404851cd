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

    /// <summary>Site time of the wake test silo, where sites tick and wake on their own.</summary>
    public static readonly FakeTimeProvider WakeClock = new(new DateTimeOffset(2026, 6, 21, 10, 0, 0, TimeSpan.Zero));

    public void Configure(ISiloBuilder siloBuilder)
    {
        var dataDir = siloBuilder.Configuration["BitGridDataDir"] ?? throw new InvalidOperationException("BitGridDataDir is not set");
        var safety = siloBuilder.Configuration["BitGridWatchdog"] == "on";
        var wake = siloBuilder.Configuration["BitGridWake"] == "on";
        siloBuilder
            .AddBitGridStorage(dataDir)
            .AddBitGridStreams()
            .AddBitGridSites(wake ? WakeClock : safety ? SafetyClock : Clock, TestSites.Catalog, timing =>
            {
                // Only the wake silo ticks and wakes by itself; elsewhere tests drive every tick, and a reminder
                // ticking in between would take their block from them.
                timing.TickCheckInterval = wake ? TimeSpan.FromMilliseconds(50) : TimeSpan.Zero;
                timing.WakeInterval = wake ? TimeSpan.FromSeconds(1) : TimeSpan.Zero;
                // In the wake silo a device polls as it activates (and then not for an hour): its reads count
                // activations, and a woken miner that answered that poll then falls silent. The wake silo runs the
                // watchdog too, so wake is asked first: polled every 20 ms by its answering port, a miner there would
                // never lose contact. The safety silo polls (a silent port, unless a test makes it hang or throw):
                // polls run beside the safety path.
                timing.PollInterval = wake ? TimeSpan.FromHours(1) : safety ? TimeSpan.FromMilliseconds(20) : TimeSpan.Zero;
                // The safety and wake silos run the miner watchdog often in real time; tests move their fake site clocks.
                timing.WatchdogInterval = safety ? TimeSpan.FromMilliseconds(20) : TimeSpan.Zero;
                // A recorder whose log refused a write tries again soon: tests wait for it.
                timing.RecorderRetryInterval = TimeSpan.FromMilliseconds(100);
            });
        if (wake)
        {
            siloBuilder.Services.AddSingleton<IDevicePort, AnsweringDevicePort>();
        }
        else
        {
            siloBuilder.Services.AddSingleton<IDevicePort, SilentDevicePort>();
        }
        siloBuilder.Services.AddSingleton<IMinerPort, RecordingMinerPort>();
        siloBuilder.Services.AddSingleton<IRelayPort, RecordingRelayPort>();
    }
}
