using System.Diagnostics;
using System.Globalization;
using BitGridAI.Adapters.Mqtt;
using BitGridAI.Adapters.Tests;
using BitGridAI.Domain.Config;
using BitGridAI.Domain.Decisions;
using BitGridAI.Domain.Signals;
using BitGridAI.Grains.Abstractions.Site;
using BitGridAI.Grains.Hosting;
using BitGridAI.Silo.Configuration;
using BitGridAI.Silo.Mqtt;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace BitGridAI.Benchmarks;

/// <summary>
/// MQTT ingest end to end (DEVICES.md workload): publishers → the silo's embedded MQTTnet broker →
/// <see cref="MqttTelemetryAdapter"/> → <see cref="GrainTelemetrySink"/> → real device grains in an
/// in-process silo, on the real clock. Then mosquitto's relay rate for the same messages
/// (publishers → mosquitto → mosquitto_sub), as the yardstick.
/// </summary>
internal static class MqttBenchmark
{
    private const string Site = "bench";
    /// <summary>Publishing connections (BITGRID_BENCH_PUBLISHERS, default 2): two keep the broker busier than one can.</summary>
    private static readonly int PublisherClients = int.Parse(Environment.GetEnvironmentVariable("BITGRID_BENCH_PUBLISHERS") ?? "2", CultureInfo.InvariantCulture);
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan Measured = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan RelayMeasured = TimeSpan.FromSeconds(10);

    public static async Task<int> RunAsync()
    {
        var (rate, p50, p99) = await IngestAsync();
        var relay = await MosquittoRelayAsync();
        Console.WriteLine($"mqtt_ingest_msgs_per_s={rate:F0}");
        Console.WriteLine($"mqtt_ingest_p50_ms={p50:F2}");
        Console.WriteLine($"mqtt_ingest_p99_ms={p99:F2}");
        Console.WriteLine($"mosquitto_relay_msgs_per_s={relay:F0}");
        return 0;
    }

    private static async Task<(double Rate, double P50, double P99)> IngestAsync()
    {
        var devices = Enumerable.Range(0, MqttPublishers.Devices)
            .Select(i => new DeviceDefinition(MqttPublishers.DeviceId(i), (DeviceKind)(1 + (i % 3))))
            .Append(new DeviceDefinition("miner", DeviceKind.Miner, RatedPowerW: 1674))
            .ToList();
        var sites = new[] { new SiteDefinition(Site, devices, EngineConfig.Default, Autonomy.Full, Strategy.Surplus) };
        await using var silo = await BenchSilo.StartAsync("mqtt", TimeProvider.System, sites, new AcceptingMiners());
        // Diagnostic (BITGRID_BENCH_BROKER=mosquitto): the same ingest through mosquitto, to tell the broker's share from the adapter's.
        using var mosquitto = Environment.GetEnvironmentVariable("BITGRID_BENCH_BROKER") == "mosquitto" ? new Mosquitto() : null;
        var port = mosquitto?.Port ?? BenchSilo.FreePort();
        await using var broker = new EmbeddedMqttBroker(Options.Create(new MqttBrokerOptions { Port = port, Enabled = mosquitto is null }));
        await broker.StartAsync(CancellationToken.None);

        var sink = new LatencySink(new GrainTelemetrySink(silo.Grains, new StaticSiteCatalog(sites)), TimeProvider.System);
        var options = new MqttTelemetryOptions
        {
            Port = port,
            Site = Site,
            ClientId = "bench-adapter",
            SchemaDevices = [.. devices.Select(d => new MqttSchemaDevice { Id = d.Id, Signals = [.. SignalInfo.All.Select(SignalInfo.Name)] })],
        };
        await using var adapter = new MqttTelemetryAdapter(options, sink, TimeProvider.System, NullLogger<MqttTelemetryAdapter>.Instance);
        await adapter.StartAsync(CancellationToken.None);
        await WaitUntilAsync(() => adapter.IsConnected, "the adapter to connect");

        var publishers = new MqttPublishers(Site);
        using var stop = new CancellationTokenSource();
        var publishing = publishers.RunAsync(port, PublisherClients, stop.Token);
        await Task.Delay(WarmUp); // JIT, grain activation, connection buffers
        var deliveredBefore = sink.Delivered;
        sink.Measure(true);
        var (gcs, paused) = (GC.CollectionCount(0), GC.GetTotalPauseDuration());
        var watch = Stopwatch.StartNew();
        await Task.Delay(Measured);
        var delivered = sink.Delivered - deliveredBefore;
        var elapsed = watch.Elapsed;
        sink.Measure(false);
        var gcText = string.Create(CultureInfo.InvariantCulture, $"{GC.CollectionCount(0) - gcs} GCs pausing {(GC.GetTotalPauseDuration() - paused).TotalMilliseconds:F0} ms");
        await stop.CancelAsync();
        await publishing;
        var drained = Stopwatch.StartNew();
        while (sink.Delivered + Dropped(adapter) < publishers.Published && drained.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(50);
        }
        var (p50, p99, count) = sink.Percentiles();
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"mqtt ingest: published {publishers.Published}, received by the adapter {adapter.Counters.Messages}, into grains {sink.Delivered}, " +
            $"dropped by the adapter {Dropped(adapter)}, other problems {adapter.Counters.Problems().Sum(p => p.Count) - Dropped(adapter)}; " +
            $"measured {delivered} samples in {elapsed.TotalSeconds:F1} s, {count} latencies, {gcText}"));
        await adapter.StopAsync(CancellationToken.None);
        await broker.StopAsync(CancellationToken.None);
        return (delivered / elapsed.TotalSeconds, p50, p99);
    }

    private static long Dropped(MqttTelemetryAdapter adapter) =>
        adapter.Counters.Problems().Where(p => p.Problem == "dropped_backpressure").Sum(p => p.Count);

    /// <summary>The same publishers and payloads through mosquitto to mosquitto_sub, counted at mosquitto_sub's output.</summary>
    private static async Task<double> MosquittoRelayAsync()
    {
        using var mosquitto = new Mosquitto();
        var port = mosquitto.Port;
        using var sub = Process.Start(new ProcessStartInfo("mosquitto_sub",
            ["-i", "bench-sub", "-h", "127.0.0.1", "-p", port.ToString(CultureInfo.InvariantCulture), "-t", $"bitgrid/{Site}/devices/#"])
        {
            RedirectStandardOutput = true,
        })!;
        long lines = 0;
        var reading = Task.Run(async () =>
        {
            while (await sub.StandardOutput.ReadLineAsync() is not null)
            {
                Interlocked.Increment(ref lines);
            }
        });
        await Task.Delay(500); // mosquitto_sub connects and subscribes
        var publishers = new MqttPublishers(Site);
        using var stop = new CancellationTokenSource();
        var publishing = publishers.RunAsync(port, PublisherClients, stop.Token);
        await Task.Delay(WarmUp);
        var before = Interlocked.Read(ref lines);
        var watch = Stopwatch.StartNew();
        await Task.Delay(RelayMeasured);
        var relayed = Interlocked.Read(ref lines) - before;
        var elapsed = watch.Elapsed;
        await stop.CancelAsync();
        await publishing;
        await Task.Delay(500);
        Console.Error.WriteLine($"mosquitto relay: published {publishers.Published}, mosquitto_sub printed {Interlocked.Read(ref lines)}");
        sub.Kill();
        await reading;
        return relayed / elapsed.TotalSeconds;
    }

    private static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var deadline = Stopwatch.StartNew();
        while (!condition())
        {
            if (deadline.Elapsed > TimeSpan.FromSeconds(15))
            {
                throw new InvalidOperationException($"timed out waiting for {what}");
            }
            await Task.Delay(20);
        }
    }
}
