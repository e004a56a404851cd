using BitGridAI.Domain.Telemetry;
using BitGridAI.Domain.Time;
using BitGridAI.Grains.Abstractions.Devices;
using BitGridAI.Grains.Abstractions.Site;

namespace BitGridAI.Grains.Tests;

/// <summary>Drives one test site: pushes a block's readings into the device grains, moves site time to the boundary, ticks.</summary>
internal sealed class SiteDriver(IGrainFactory grains, string siteId)
{
    public string SiteId { get; } = siteId;

    public ISiteGrain Site => grains.GetGrain<ISiteGrain>(SiteId);

    /// <summary>Moves the shared clock to the next block boundary (at least one block ahead of now).</summary>
    public static DateTimeOffset NextBoundary()
    {
        var now = TestSiloConfigurator.Clock.GetUtcNow();
        return BlockClock.StartOf(BlockClock.IndexOf(now) + 1);
    }

    public static void MoveTo(DateTimeOffset time)
    {
        var now = TestSiloConfigurator.Clock.GetUtcNow();
        if (time > now)
        {
            TestSiloConfigurator.Clock.Advance(time - now);
        }
    }

    public async Task PushAsync(BlockReadings readings, DateTimeOffset boundary)
    {
        MoveTo(boundary - TimeSpan.FromSeconds(5));
        foreach (var (device, samples) in readings.Samples(SiteId, boundary))
        {
            await Device(device).ReportManyAsync(samples);
        }
    }

    public IDeviceGrain Device(string deviceId) => deviceId[(deviceId.LastIndexOf('-') + 1)..] switch
    {
        "pv" => grains.GetGrain<IPvInverterGrain>(deviceId),
        "battery" => grains.GetGrain<IBatteryGrain>(deviceId),
        "meter" => grains.GetGrain<IGridMeterGrain>(deviceId),
        _ => grains.GetGrain<IMinerGrain>(deviceId),
    };

    /// <summary>One block: readings in, clock to the boundary, tick.</summary>
    public async Task<TickOutcome> RunBlockAsync(BlockReadings readings)
    {
        var boundary = NextBoundary();
        await PushAsync(readings, boundary);
        MoveTo(boundary);
        return await Site.TickAsync();
    }

    /// <summary>The telemetry the site should have seen for that block, aggregated by the pure domain code.</summary>
    public static BlockTelemetry Expected(string siteId, BlockReadings readings, DateTimeOffset boundary)
    {
        var telemetry = new BlockTelemetry();
        foreach (var (device, samples) in readings.Samples(siteId, boundary))
        {
            foreach (var group in samples.GroupBy(s => s.Signal))
            {
                var window = SignalWindow.Empty(group.Key);
                foreach (var sample in group)
                {
                    window = window.Add(sample.Value, sample.At);
                }
                telemetry.Add(window);
            }
            if (device.EndsWith("-miner", StringComparison.Ordinal))
            {
                telemetry.MinerLastContact = samples.Max(s => s.At);
            }
        }
        return telemetry;
    }
}
