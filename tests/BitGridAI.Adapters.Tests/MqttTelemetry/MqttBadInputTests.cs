using BitGridAI.Adapters.Mqtt;
using BitGridAI.Domain.Signals;

namespace BitGridAI.Adapters.Tests;

/// <summary>
/// Each kind of bad input, sent by mosquitto_pub to a real broker: it yields no sample, is counted against
/// its device and kind, and the next good message from the same sender still arrives.
/// </summary>
public sealed class MqttBadInputTests : IDisposable
{
    private const string PvTopic = "bitgrid/home/devices/pv-1/telemetry";

    private readonly Mosquitto _broker = new();

    public static TheoryData<string, string, string, IngestProblem> BadMessages => new()
    {
        { PvTopic, """{"pv_power_w":42""", "pv-1", IngestProblem.MalformedJson },
        { PvTopic, """{"pv_power_w":42}}""", "pv-1", IngestProblem.MalformedJson },
        { SampleMappings.TasmotaTopic, """{"ENERGY":{"Power":""", "tasmota-plug", IngestProblem.MalformedJson },
        { PvTopic, """{"pv_power_w":1,"note":""" + "\"" + new string('x', 5000) + "\"}", "pv-1", IngestProblem.Oversized },
        { PvTopic, """{"pv_power_w":"4200"}""", "pv-1", IngestProblem.WrongType },
        { PvTopic, "[4200]", "pv-1", IngestProblem.WrongType },
        { SampleMappings.HomeAssistantTopic, "unavailable", "ha-pv", IngestProblem.WrongType },
        { SampleMappings.TasmotaTopic, """{"ENERGY":{"Power":{"W":845}}}""", "tasmota-plug", IngestProblem.WrongType },
        { SampleMappings.TasmotaTopic, """{"Time":"2026-06-21T14:00:00","ANALOG":{"A0":3}}""", "tasmota-plug", IngestProblem.MissingPath },
        { SampleMappings.ShellyTopic, """{"method":"NotifyStatus","params":{"switch:0":{"apower":12}}}""", "miner-plug", IngestProblem.MissingPath },
        { SampleMappings.HomeAssistantTopic, "nan", "ha-pv", IngestProblem.NotFinite },
        { PvTopic, """{"pv_power_w":1e400}""", "pv-1", IngestProblem.NotFinite },
        { PvTopic, """{"pv_pwr_w":4200}""", "pv-1", IngestProblem.UnknownSignal },
        { PvTopic, """{"ts":"2026-06-21T12:00:00","pv_power_w":4200}""", "pv-1", IngestProblem.BadTimestamp },
        { SampleMappings.ShellyTopic, SampleMappings.ShellyStatus(12, "\"yesterday\""), "miner-plug", IngestProblem.BadTimestamp },
        { "bitgrid/home/devices/pv-1/telemtry", """{"pv_power_w":4200}""", "pv-1", IngestProblem.UnknownTopic },
        { "bitgrid/home/devices/ghost/telemetry", """{"pv_power_w":4200}""", "ghost", IngestProblem.UnknownDevice },
    };

    [Theory]
    [MemberData(nameof(BadMessages))]
    public async Task BadInputIsCountedPerDeviceAndKindAndTheNextGoodMessageStillArrives(string topic, string payload, string device, IngestProblem problem)
    {
        var sink = new RecordingSink("pv-1", "tasmota-plug", "ha-pv", "miner-plug");
        var options = TelemetryAdapters.Options(_broker.Port, SampleMappings.Tasmota(), SampleMappings.HomeAssistant(), SampleMappings.Shelly());
        await using var adapter = await TelemetryAdapters.StartAsync(options, sink);

        MosquittoPub.Publish(_broker.Port, topic, payload);
        MosquittoPub.Publish(_broker.Port, PvTopic, """{"pv_power_w":3100}""");

        await sink.WaitForAsync(s => s.Count > 0, "the good message after the bad one");
        var (gotDevice, sample) = Assert.Single(sink.Samples);
        Assert.Equal(("pv-1", Signal.PvPowerW, 3100.0), (gotDevice, sample.Signal, sample.Value));
        Assert.Equal(1, adapter.Counters.Count(device, problem));
        var counted = Assert.Single(adapter.Counters.Problems());
        Assert.Equal((device, IngestProblems.Name(problem), 1L), (counted.Device, counted.Problem, counted.Count));
        Assert.Equal(2, adapter.Counters.Messages);
    }

    [Fact]
    public async Task OneBadValueDropsOnlyItselfNotTheOtherSignalsOfTheMessage()
    {
        var sink = new RecordingSink("meter");
        await using var adapter = await TelemetryAdapters.StartAsync(TelemetryAdapters.Options(_broker.Port), sink);

        MosquittoPub.Publish(_broker.Port, "bitgrid/home/devices/meter/telemetry", """{"grid_import_w":true,"grid_export_w":1800,"house_load_w":null}""");

        await sink.WaitForAsync(s => s.Count > 0, "the export");
        var (_, sample) = Assert.Single(sink.Samples);
        Assert.Equal((Signal.GridExportW, 1800.0), (sample.Signal, sample.Value));
        Assert.Equal(1, adapter.Counters.Count("meter", IngestProblem.WrongType));
    }

    [Fact]
    public async Task WhenTheGrainsFallBehindSamplesBeyondTheQueueAreCountedAsDroppedAndTheRestDelivered()
    {
        var sink = new RecordingSink("pv-1") { Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously) };
        var options = TelemetryAdapters.Options(_broker.Port);
        options.QueueCapacity = 100;
        await using var adapter = await TelemetryAdapters.StartAsync(options, sink);
        const int Sent = 400;

        // One mosquitto_pub reading lines from stdin: 400 messages in a few milliseconds.
        var lines = string.Join("\n", Enumerable.Range(1, Sent).Select(i => $$"""{"pv_power_w":{{i}}}"""));
        using (var pub = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("mosquitto_pub",
            ["-i", "test-pub-lines", "-h", "127.0.0.1", "-p", _broker.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-t", PvTopic, "-l", "-q", "1"]) { RedirectStandardInput = true })!)
        {
            await pub.StandardInput.WriteAsync(lines + "\n");
            pub.StandardInput.Close();
            await pub.WaitForExitAsync();
        }
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (adapter.Counters.Messages < Sent && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }
        sink.Gate.SetResult();

        var dropped = adapter.Counters.Count("pv-1", IngestProblem.DroppedBackpressure);
        await sink.WaitForAsync(s => s.Count == Sent - dropped, $"{Sent - dropped} delivered samples");
        Assert.Equal(Sent, adapter.Counters.Messages);
        Assert.InRange(dropped, 1, Sent - 100);
        Assert.Equal(Sent - dropped, adapter.Counters.SamplesDelivered);
    }

    public void Dispose() => _broker.Dispose();
}
