using BitGridAI.Adapters.Mqtt;

namespace BitGridAI.Adapters.Tests;

/// <summary>Through mosquitto: a reading retained long ago does not become a fresh sample when the adapter (re)connects.</summary>
public sealed class RetainedTelemetryTests : IDisposable
{
    private readonly Mosquitto _broker = new();

    [Fact]
    public async Task ARetainedReadingWithoutTimestampIsNotTakenAsFreshOnConnect()
    {
        MosquittoPub.Publish(_broker.Port, "bitgrid/home/devices/pv-1/telemetry", """{"pv_power_w":4200}""", retain: true);
        var sink = new RecordingSink("pv-1");

        await using var adapter = await TelemetryAdapters.StartAsync(TelemetryAdapters.Options(_broker.Port), sink);
        // A live message after the retained one: once it is in, the retained one has been handled too.
        MosquittoPub.Publish(_broker.Port, "bitgrid/home/devices/pv-1/telemetry", """{"pv_power_w":1000}""");
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (sink.Samples.Count == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        Assert.Equal([1000.0], sink.Samples.Select(s => s.Sample.Value));
        Assert.Equal(1, adapter.Counters.Count("pv-1", IngestProblem.StaleRetained));
    }

    public void Dispose() => _broker.Dispose();
}
