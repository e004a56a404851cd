using System.Diagnostics;
using System.Globalization;
using BitGridAI.Domain.Signals;
using BitGridAI.Grains.Abstractions.Devices;
using Microsoft.Extensions.DependencyInjection;

namespace BitGridAI.Silo.Tests;

/// <summary>
/// A device that pushes its readings over MQTT, configured as data (the generic template), in the silo as
/// `scripts/run.sh` builds it: mosquitto_pub, the independent peer, publishes to the silo's embedded broker
/// and the reading lands in the device's grain.
/// </summary>
public sealed class PushedTelemetryTests : IDisposable
{
    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), "bitgrid-pushed-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task ATasmotaMeterMappedInSiteDevicesFeedsItsGrainThroughTheEmbeddedBroker()
    {
        var silo = IsolatedSilo.WithFreePorts();
        using var host = SiloHost.Build(
        [
            .. silo.Args(_dataDir, speed: 60),
            "--Site:Devices:8:Id=heat-pump-meter", "--Site:Devices:8:Template=generic-mqtt-device", "--Site:Devices:8:Kind=grid_meter",
            "--Site:Devices:8:Signals:0:Topic=tele/tasmota_1A2B3C/SENSOR", "--Site:Devices:8:Signals:0:JsonPath=ENERGY.Power",
            "--Site:Devices:8:Signals:0:Signal=grid_import_w", "--Site:Devices:8:Signals:0:Scale=1000",
        ], TextWriter.Null);
        await host.StartAsync();
        try
        {
            var meter = host.Services.GetRequiredService<IGrainFactory>().GetGrain<IGridMeterGrain>("heat-pump-meter");
            var deadline = DateTime.UtcNow.AddSeconds(20);
            DeviceStatus status;
            do
            {
                // QoS 0 before the adapter has subscribed is lost, as MQTT says: publish until it lands.
                await PublishAsync(silo.MqttPort, "tele/tasmota_1A2B3C/SENSOR", """{"Time":"2026-06-21T12:00:00","ENERGY":{"Power":0.431}}""");
                await Task.Delay(200);
                status = await meter.GetStatusAsync();
            }
            while (status.Latest.IsEmpty && DateTime.UtcNow < deadline);

            var sample = Assert.Single(status.Latest);
            Assert.Equal((Signal.GridImportW, 431.0), (sample.Signal, Math.Round(sample.Value, 6)));
            Assert.Equal("ok", status.Health);
            Assert.Empty(status.PollFailures); // a pushed device is never polled
        }
        finally
        {
            await host.StopAsync();
        }
    }

    [Fact]
    public async Task TheStandaloneSitesPriceArrivesPushedOnItsTariffDeviceNotOnThePolledMeter()
    {
        var silo = IsolatedSilo.WithFreePorts();
        using var host = SiloHost.Build([.. silo.Args(_dataDir, speed: 60)], TextWriter.Null);
        await host.StartAsync();
        try
        {
            var grains = host.Services.GetRequiredService<IGrainFactory>();
            var tariff = grains.GetGrain<IGridMeterGrain>("tariff-1");
            var deadline = DateTime.UtcNow.AddSeconds(20);
            DeviceStatus status;
            do
            {
                await Task.Delay(200);
                status = await tariff.GetStatusAsync();
            }
            while (status.Latest.IsEmpty && DateTime.UtcNow < deadline);

            var price = Assert.Single(status.Latest);
            Assert.Equal(Signal.EnergyPriceCtKwh, price.Signal);
            Assert.InRange(price.Value, 17, 32); // the simulated time-of-use tariff
            var meter = await grains.GetGrain<IGridMeterGrain>("meter-1").GetStatusAsync();
            Assert.DoesNotContain(meter.Latest, s => s.Signal == Signal.EnergyPriceCtKwh);
        }
        finally
        {
            await host.StopAsync();
        }
    }

    private static async Task PublishAsync(int port, string topic, string payload)
    {
        using var publish = Process.Start(new ProcessStartInfo("mosquitto_pub",
            ["-h", "127.0.0.1", "-p", port.ToString(CultureInfo.InvariantCulture), "-i", "bitgrid-test-pub", "-t", topic, "-m", payload])
        {
            RedirectStandardError = true,
        })!;
        await publish.WaitForExitAsync();
    }

    public void Dispose()
    {
        if (Directory.Exists(_dataDir))
        {
            Directory.Delete(_dataDir, recursive: true);
        }
    }
}
