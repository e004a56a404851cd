using BitGridAI.Domain.Signals;
using BitGridAI.Domain.Telemetry;
using BitGridAI.Domain.Time;
using BitGridAI.Grains.Abstractions.Devices;
using BitGridAI.Grains.Abstractions.Messages;
using BitGridAI.Grains.Abstractions.Site;
using Microsoft.Extensions.Time.Testing;

namespace BitGridAI.Grains.Tests;

/// <summary>Drives one test site: pushes a block's readings into the device grains, moves site time to the boundary, ticks.</summary>
internal sealed class SiteDriver(IGrainFactory grains, string siteId, FakeTimeProvider? clock = null, bool keepTalking = false)
{
    private readonly FakeTimeProvider _clock = clock ?? TestSiloConfigurator.Clock;
    private double _lastMinerTempC = double.NaN;

    public string SiteId { get; } = siteId;

    public ISiteGrain Site => grains.GetGrain<ISiteGrain>(SiteId);

    /// <summary>The next block boundary of the main test clock.</summary>
    public static DateTimeOffset NextBoundary() => NextBoundary(TestSiloConfigurator.Clock);

    public static DateTimeOffset NextBoundary(FakeTimeProvider clock) => BlockClock.StartOf(BlockClock.IndexOf(clock.GetUtcNow()) + 1);

    public static void MoveTo(DateTimeOffset time) => MoveTo(TestSiloConfigurator.Clock, time);

    public static void MoveTo(FakeTimeProvider clock, DateTimeOffset time)
    {
        var now = clock.GetUtcNow();
        if (time > now)
        {
            clock.Advance(time - now);
        }
    }

    public async Task PushAsync(BlockReadings readings, DateTimeOffset boundary)
    {
        await MoveAsync(boundary - TimeSpan.FromSeconds(5));
        _lastMinerTempC = readings.MinerTempC;
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
        var boundary = NextBoundary(_clock);
        await PushAsync(readings, boundary);
        await MoveAsync(boundary);
        return await Site.TickAsync();
    }

    /// <summary>
    /// Moves site time on. With a running safety watchdog, a miner that went quiet for minutes would be
    /// stopped for lost contact; a talking driver lets it report its last temperature every 30 s.
    /// </summary>
    private async Task MoveAsync(DateTimeOffset time)
    {
        while (keepTalking && !double.IsNaN(_lastMinerTempC) && time - _clock.GetUtcNow() > TimeSpan.FromSeconds(30))
        {
            _clock.Advance(TimeSpan.FromSeconds(30));
            await Device($"{SiteId}-miner").ReportAsync(new TelemetrySample(Signal.MinerTempC, _lastMinerTempC, _clock.GetUtcNow()));
        }
        MoveTo(_clock, time);
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
