using BitGridAI.Domain.Signals;
using BitGridAI.Grains.Abstractions.Messages;

namespace BitGridAI.Grains.Tests;

[Collection(ClusterDefinition.Name)]
public sealed class DeviceHealthTests(ClusterFixture fixture)
{
    private static DateTimeOffset Now => TestSiloConfigurator.Clock.GetUtcNow();

    [Fact]
    public async Task ADeviceIsOkWhileItReportsWarnsOnImplausibleSamplesAndErrsWhenSilent()
    {
        var pv = new SiteDriver(fixture.Grains, "site-18").Device("site-18-pv");
        Assert.Equal(("error", "never reached"), await HealthAsync());

        await pv.ReportAsync(new TelemetrySample(Signal.PvPowerW, 3000, Now));
        Assert.Equal("ok", (await HealthAsync()).Health);

        await pv.ReportAsync(new TelemetrySample(Signal.PvPowerW, -400, Now));
        Assert.Equal(("warn", "1 implausible sample(s) this block"), await HealthAsync());

        TestSiloConfigurator.Clock.Advance(TimeSpan.FromSeconds(90));
        var (health, reason) = await HealthAsync();
        Assert.Equal("error", health);
        Assert.StartsWith("no data for 90 s", reason, StringComparison.Ordinal);

        async Task<(string Health, string? Reason)> HealthAsync()
        {
            var status = await pv.GetStatusAsync();
            return (status.Health, status.HealthReason);
        }
    }

    [Fact]
    public async Task SamplesFromTheFutureTheDistantPastOrOutOfOrderNeverBecomeTheLatestReading()
    {
        var battery = new SiteDriver(fixture.Grains, "site-19").Device("site-19-battery");
        await battery.ReportAsync(new TelemetrySample(Signal.BatterySocPct, 70, Now));

        await battery.ReportAsync(new TelemetrySample(Signal.BatterySocPct, 20, Now + TimeSpan.FromMinutes(5)));
        await battery.ReportAsync(new TelemetrySample(Signal.BatterySocPct, 25, Now - TimeSpan.FromDays(3)));
        await battery.ReportAsync(new TelemetrySample(Signal.BatterySocPct, 65, Now - TimeSpan.FromSeconds(30)));
        await battery.ReportAsync(new TelemetrySample(Signal.BatterySocPct, 70, Now));

        var status = await battery.GetStatusAsync();
        Assert.Equal(70, status.Latest.Single(s => s.Signal == Signal.BatterySocPct).Value);
        Assert.Equal(1, status.Rejected["battery_soc_pct:FromFuture"]);
        Assert.Equal(1, status.Rejected["battery_soc_pct:TooOld"]);
        Assert.Equal(3, status.Accepted);
    }
}
