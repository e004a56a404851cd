using System.Globalization;
using BitGridAI.Adapters.Drivers;
using BitGridAI.Adapters.Modbus;
using BitGridAI.Adapters.SunSpec;
using BitGridAI.Domain.Signals;
using BitGridAI.Grains.Abstractions.Ports;
using BitGridAI.Grains.Abstractions.Site;
using Microsoft.Extensions.Time.Testing;

namespace BitGridAI.Adapters.Tests;

/// <summary>The grains' ports over real SunSpec devices (pymodbus): readings, meter sign, backoff, recovery.</summary>
public sealed class DriverPortsTests
{
    private static readonly DateTimeOffset SiteNow = new(2026, 6, 21, 12, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _realTime = new(new DateTimeOffset(2026, 11, 26, 20, 0, 0, TimeSpan.Zero));

    private static PeerProcess SunSpecPeer(int port) => new("/usr/bin/python3",
        [Path.Combine(AppContext.BaseDirectory, "Peers", "sunspec_server.py"), port.ToString(CultureInfo.InvariantCulture)], port);

    private DriverPorts Ports(int port, MeterSign sign = MeterSign.ImportPositive)
    {
        SunSpecDriver Driver(DeviceKind kind) => new(kind, new ModbusTcpClient("127.0.0.1", port, TimeSpan.FromSeconds(1)), 1, SunSpecLayout.Standard, sign);
        return new DriverPorts(
            new Dictionary<string, IDeviceDriver?>
            {
                ["pv-1"] = Driver(DeviceKind.PvInverter),
                ["meter-1"] = Driver(DeviceKind.GridMeter),
                ["battery-1"] = Driver(DeviceKind.Battery),
                ["mqtt-meter"] = null,
            },
            new Dictionary<string, IRelayDriver>(),
            null,
            new SiteClock(new FakeTimeProvider(SiteNow)),
            _realTime);
    }

    [Fact]
    public async Task EachDeviceKindBecomesItsSignalsStampedInSiteTime()
    {
        using var peer = SunSpecPeer(PeerProcess.FreePort());
        await using var ports = Ports(peer.Port);

        var pv = await ports.ReadAsync("pv-1", default);
        var meter = await ports.ReadAsync("meter-1", default);
        var battery = await ports.ReadAsync("battery-1", default);

        Assert.Equal([(Signal.PvPowerW, 1234.5)], pv.Select(s => (s.Signal, s.Value)));
        // The peer's meter reads −1500 W: with import counted positive, that is 1500 W going out.
        Assert.Equal([(Signal.GridImportW, 0.0), (Signal.GridExportW, 1500.0)], meter.Select(s => (s.Signal, s.Value)));
        Assert.Equal([(Signal.BatterySocPct, 65.5), (Signal.BatteryPowerW, -1200.0)], battery.Select(s => (s.Signal, Math.Round(s.Value, 6))));
        Assert.All(pv.Concat(meter).Concat(battery), s => Assert.Equal(SiteNow, s.At));
        Assert.Empty(await ports.ReadAsync("mqtt-meter", default)); // pushed, nothing to poll
    }

    [Fact]
    public async Task AMeterThatCountsExportPositiveIsTurnedAround()
    {
        using var peer = SunSpecPeer(PeerProcess.FreePort());
        await using var ports = Ports(peer.Port, MeterSign.ExportPositive);

        var meter = await ports.ReadAsync("meter-1", default);

        Assert.Equal([(Signal.GridImportW, 1500.0), (Signal.GridExportW, 0.0)], meter.Select(s => (s.Signal, s.Value)));
    }

    [Fact]
    public async Task AFailingDeviceIsLeftAloneForItsBackoffAndFoundAgainWhenItReturns()
    {
        var port = PeerProcess.FreePort();
        await using var ports = Ports(port);

        var first = await Assert.ThrowsAsync<DeviceUnreachableException>(() => ports.ReadAsync("pv-1", default).AsTask());
        Assert.Equal("pv-1", first.DeviceId);
        Assert.Contains($"127.0.0.1:{port}", first.Message, StringComparison.Ordinal); // the driver's own reason

        using var peer = SunSpecPeer(port);
        // Within the first second after the failure the device is not asked, even though it answers now.
        var waiting = await Assert.ThrowsAsync<DeviceUnreachableException>(() => ports.ReadAsync("pv-1", default).AsTask());
        Assert.Contains("1 failed poll(s) in a row", waiting.Message, StringComparison.Ordinal);

        _realTime.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1234.5, Assert.Single(await ports.ReadAsync("pv-1", default)).Value);
        // Other devices were never held back by this one's failures.
        Assert.Equal(2, (await ports.ReadAsync("battery-1", default)).Count);
    }

    [Fact]
    public async Task ADeviceThatRestartsIsReadAgainAfterOneFailedPoll()
    {
        var port = PeerProcess.FreePort();
        await using var ports = Ports(port);
        using (var peer = SunSpecPeer(port))
        {
            Assert.Single(await ports.ReadAsync("pv-1", default));
        }

        await Assert.ThrowsAsync<DeviceUnreachableException>(() => ports.ReadAsync("pv-1", default).AsTask());
        using var restarted = SunSpecPeer(port);
        _realTime.Advance(Backoff.Default.After(1));

        Assert.Equal(1234.5, Assert.Single(await ports.ReadAsync("pv-1", default)).Value);
    }

    [Fact]
    public async Task CommandsToAnUnknownOrNonMinerDeviceFailNamingIt()
    {
        using var peer = SunSpecPeer(PeerProcess.FreePort());
        await using var ports = Ports(peer.Port);

        var notMiner = await Assert.ThrowsAsync<DeviceUnreachableException>(() => ports.ReadModeAsync("pv-1", default).AsTask());
        Assert.Contains("not a miner", notMiner.Message, StringComparison.Ordinal);
        var unknown = await Assert.ThrowsAsync<DeviceUnreachableException>(() => ports.SwitchAsync("plug-9", false, default).AsTask());
        Assert.Contains("plug-9", unknown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadingsAreStampedWhenTheReplyIsInNotWhenTheDeviceWasAsked()
    {
        var siteClock = new FakeTimeProvider(SiteNow);
        await using var ports = new DriverPorts(
            new Dictionary<string, IDeviceDriver?> { ["slow-meter"] = new SlowDriver(siteClock, TimeSpan.FromSeconds(90)) },
            new Dictionary<string, IRelayDriver>(),
            null,
            new SiteClock(siteClock),
            _realTime);

        var sample = Assert.Single(await ports.ReadAsync("slow-meter", default));

        // Stamped at the start, a reply that took 90 s of site time would be older than its 60 s max age
        // on arrival and the fresh reading would be thrown away.
        Assert.Equal(SiteNow.AddSeconds(90), sample.At);
    }

    /// <summary>A device whose reply takes a while of site time (an accelerated site clock makes any reply slow).</summary>
    private sealed class SlowDriver(FakeTimeProvider clock, TimeSpan delay) : IDeviceDriver
    {
        public ValueTask<IReadOnlyList<Reading>> ReadAsync(CancellationToken cancellationToken)
        {
            clock.Advance(delay);
            return ValueTask.FromResult<IReadOnlyList<Reading>>([new Reading(Signal.GridImportW, 300)]);
        }
    }
}
