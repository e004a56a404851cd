using System.Globalization;
using System.Text;
using MQTTnet;
using MQTTnet.Formatter;

namespace BitGridAI.Benchmarks;

/// <summary>
/// The simulated devices of the ingest workload: 100 devices × 5 signals, one QoS 0 message per signal
/// reading in BitGridAI's telemetry schema, padded to 80 bytes, stamped with the real clock when it is
/// built, published as fast as the clients can.
/// </summary>
internal sealed class MqttPublishers
{
    public const int Devices = 100;
    public const int PayloadBytes = 80;

    private static readonly string[] Signals = ["pv_power_w", "house_load_w", "grid_import_w", "grid_export_w", "battery_soc_pct"];

    /// <summary>
    /// Diagnostic (BITGRID_BENCH_STAMP_ON_RECEIPT=1): payloads without "ts", so the adapter stamps each sample
    /// when it arrives and the measured latency is the adapter's part alone (receipt → grain call done).
    /// </summary>
    private static readonly bool StampOnReceipt = Environment.GetEnvironmentVariable("BITGRID_BENCH_STAMP_ON_RECEIPT") == "1";

    private readonly string[] _topics;
    private long _published;

    public MqttPublishers(string site)
    {
        _topics = [.. Enumerable.Range(0, Devices).Select(d => $"bitgrid/{site}/devices/{DeviceId(d)}/telemetry")];
    }

    public long Published => Interlocked.Read(ref _published);

    public static string DeviceId(int index) => $"dev-{index:D3}";

    /// <summary>Publishes from <paramref name="clients"/> connections until <paramref name="stop"/> is cancelled.</summary>
    public async Task RunAsync(int port, int clients, CancellationToken stop)
    {
        await Task.WhenAll(Enumerable.Range(0, clients).Select(c => Task.Run(() => PublishAsync(port, c, clients, stop), CancellationToken.None)));
    }

    private async Task PublishAsync(int port, int client, int clients, CancellationToken stop)
    {
        using var mqtt = new MqttClientFactory().CreateMqttClient();
        await mqtt.ConnectAsync(new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", port)
            .WithClientId($"bench-publisher-{client}")
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .Build(), CancellationToken.None);
        for (var i = (long)client; !stop.IsCancellationRequested; i += clients)
        {
            var device = (int)(i % Devices);
            var signal = (int)(i / Devices % Signals.Length);
            var message = new MqttApplicationMessageBuilder()
                .WithTopic(_topics[device])
                .WithPayload(Payload(Signals[signal], 100 + (i % 900)))
                .Build();
            await mqtt.PublishAsync(message, CancellationToken.None);
            Interlocked.Increment(ref _published);
        }
        await mqtt.DisconnectAsync(new MqttClientDisconnectOptions(), CancellationToken.None);
    }

    /// <summary><c>{"ts":"2026-…Z","pv_power_w":123.25}</c> followed by spaces up to 80 bytes (JSON allows them).</summary>
    private static byte[] Payload(string signal, double value)
    {
        var buffer = new byte[PayloadBytes]; // the client may still hold the previous one
        var text = StampOnReceipt
            ? string.Create(CultureInfo.InvariantCulture, $"{{\"{signal}\":{value + 0.25}}}")
            : string.Create(CultureInfo.InvariantCulture, $"{{\"ts\":\"{DateTimeOffset.UtcNow:yyyy-MM-ddTHH:mm:ss.fffffffZ}\",\"{signal}\":{value + 0.25}}}");
        var length = Encoding.UTF8.GetBytes(text, buffer);
        buffer.AsSpan(length).Fill((byte)' ');
        return buffer;
    }
}
