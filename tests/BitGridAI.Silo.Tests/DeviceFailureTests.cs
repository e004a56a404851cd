using BitGridAI.Grains.Abstractions.Devices;
using Microsoft.Extensions.DependencyInjection;

namespace BitGridAI.Silo.Tests;

/// <summary>
/// Devices that fail over their real protocols, in the silo built as `scripts/run.sh` builds it: failures are
/// counted per device and kind, the device turns unhealthy with a reason, and the silo keeps running.
/// </summary>
public sealed class DeviceFailureTests : IDisposable
{
    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), "bitgrid-device-failures-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task AModbusExceptionAndARefusedConnectionAreCountedByKindAndMakeTheDeviceUnhealthy()
    {
        var deadPort = SiloProcess.FreePort(); // nothing listens here
        using var host = SiloHost.Build(
        [
            .. IsolatedSilo.WithFreePorts().Args(_dataDir, speed: 60),
            "--Site:Devices:1:Unit=9", // the simulator serves units 1–3: unit 9 is answered with exception 11
            $"--Site:Devices:2:Port={deadPort}",
        ], TextWriter.Null);
        await host.StartAsync();
        try
        {
            var grains = host.Services.GetRequiredService<IGrainFactory>();
            var meter = await EventuallyAsync(() => grains.GetGrain<IGridMeterGrain>("meter-1").GetStatusAsync(), s => s.PollFailures.ContainsKey("modbus_exception_11"));
            var battery = await EventuallyAsync(() => grains.GetGrain<IBatteryGrain>("battery-1").GetStatusAsync(), s => s.PollFailures.ContainsKey("connection"));
            // Polls hand their results back outside the grain's turn: wait for the inverter's first reading.
            var pv = await EventuallyAsync(() => grains.GetGrain<IPvInverterGrain>("pv-1").GetStatusAsync(), s => !s.Latest.IsEmpty);

            Assert.Equal("error", meter.Health); // never reached: nothing it said was usable
            Assert.Empty(meter.Latest);
            Assert.Equal(["modbus_exception_11"], meter.PollFailures.Keys);
            Assert.Equal("error", battery.Health);
            Assert.Equal(["connection"], battery.PollFailures.Keys);
            // The healthy inverter on the same server is untouched by its neighbours' failures.
            Assert.True(pv.Health == "ok", $"pv-1: {pv.Health} ({pv.HealthReason}); failures {string.Join(", ", pv.PollFailures)}");
            Assert.Empty(pv.PollFailures);
        }
        finally
        {
            await host.StopAsync();
        }
    }

    private static async Task<DeviceStatus> EventuallyAsync(Func<Task<DeviceStatus>> read, Func<DeviceStatus, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        var status = await read();
        while (!done(status) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
            status = await read();
        }
        Assert.True(done(status), $"{status.DeviceId}: {status.Health} ({status.HealthReason}); failures {string.Join(", ", status.PollFailures)}");
        return status;
    }

    public void Dispose()
    {
        if (Directory.Exists(_dataDir))
        {
            Directory.Delete(_dataDir, recursive: true);
        }
    }
}
