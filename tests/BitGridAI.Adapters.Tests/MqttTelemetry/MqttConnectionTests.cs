using System.Collections.Immutable;
using BitGridAI.Domain.Signals;
using BitGridAI.Grains.Abstractions.Messages;
using Microsoft.Extensions.Time.Testing;

namespace BitGridAI.Adapters.Tests;

/// <summary>The adapter's connection as other MQTT clients see it: status, last will, reconnects, decisions out.</summary>
public sealed class MqttConnectionTests
{
    private const string PvTopic = "bitgrid/home/devices/pv-1/telemetry";

    [Theory]
    [InlineData(Brokers.Mosquitto)]
    [InlineData(Brokers.Embedded)]
    public async Task TheStatusIsOnlineWhileConnectedAndTheLastWillSaysOfflineWhenTheConnectionDies(string kind)
    {
        using var broker = Brokers.Start(kind);
        using var proxy = new TcpProxy(broker.Port);
        using var status = await MosquittoSub.StartAsync(broker.Port, "bitgrid/home/status");
        var options = TelemetryAdapters.Options(proxy.Port);
        await using var adapter = await TelemetryAdapters.StartAsync(options, new RecordingSink("pv-1"));
        await status.WaitForAsync(m => m.SequenceEqual(["bitgrid/home/status online"]), "online");

        proxy.KillConnections();

        await status.WaitForAsync(m => m.Count >= 2 && m[1] == "bitgrid/home/status offline", "the last will");
        // The adapter comes back by itself and says so.
        await status.WaitForAsync(m => m.Count >= 3 && m[2] == "bitgrid/home/status online", "online again after the reconnect");
    }

    [Fact]
    public async Task AStoppedAdapterLeavesOfflineRetainedForSubscribersThatComeLater()
    {
        using var broker = new Mosquitto();
        var adapter = await TelemetryAdapters.StartAsync(TelemetryAdapters.Options(broker.Port), new RecordingSink("pv-1"));
        using (var early = await MosquittoSub.StartAsync(broker.Port, "bitgrid/home/status"))
        {
            await early.WaitForAsync(m => m.SequenceEqual(["bitgrid/home/status online"]), "the retained online");
        }

        await adapter.DisposeAsync();

        using var late = await MosquittoSub.StartAsync(broker.Port, "bitgrid/home/status");
        await late.WaitForAsync(m => m.SequenceEqual(["bitgrid/home/status offline"]), "the retained offline");
    }

    [Theory]
    [InlineData(Brokers.Mosquitto)]
    [InlineData(Brokers.Embedded)]
    public async Task AfterTheBrokerRestartsTheAdapterResubscribesAndTelemetryFlowsAgain(string kind)
    {
        using var broker = Brokers.Start(kind);
        var sink = new RecordingSink("pv-1");
        await using var adapter = await TelemetryAdapters.StartAsync(TelemetryAdapters.Options(broker.Port), sink);
        MosquittoPub.Publish(broker.Port, PvTopic, """{"pv_power_w":1000}""");
        await sink.WaitForAsync(s => s.Count == 1, "the sample before the restart");

        broker.Stop();
        await TelemetryAdapters.ConnectedAsync(adapter, false);
        broker.Start();
        await TelemetryAdapters.ConnectedAsync(adapter, true, TimeSpan.FromSeconds(20));
        MosquittoPub.Publish(broker.Port, PvTopic, """{"pv_power_w":2000}""");

        await sink.WaitForAsync(s => s.Count == 2, "the sample after the restart");
        Assert.Equal(2000, sink.Samples[1].Sample.Value);
        Assert.Equal(Signal.PvPowerW, sink.Samples[1].Sample.Signal);
    }

    [Fact]
    public async Task AfterALostConnectionTheNextAttemptWaitsForTheBackoffOnTheAdaptersClock()
    {
        using var broker = new Mosquitto();
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 6, 21, 12, 0, 0, TimeSpan.Zero));
        await using var adapter = await TelemetryAdapters.StartAsync(TelemetryAdapters.Options(broker.Port), new RecordingSink("pv-1"), clock);
        broker.Stop();
        await TelemetryAdapters.ConnectedAsync(adapter, false);
        broker.Start();

        // The broker is back, but the first retry is due 1 s later on the adapter's clock, which stands still.
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        Assert.False(adapter.IsConnected);

        clock.Advance(TimeSpan.FromSeconds(1));
        await TelemetryAdapters.ConnectedAsync(adapter, true);
    }

    [Theory]
    [InlineData(Brokers.Mosquitto)]
    [InlineData(Brokers.Embedded)]
    public async Task EachRecordedDecisionIsPublishedRetainedAsJsonPerMiner(string kind)
    {
        using var broker = Brokers.Start(kind);
        await using var adapter = await TelemetryAdapters.StartAsync(TelemetryAdapters.Options(broker.Port), new RecordingSink("pv-1"));
        using var live = await MosquittoSub.StartAsync(broker.Port, "bitgrid/home/decisions/+");

        adapter.OnRecorded(Decision("miner-1", 7, "START_R1_SURPLUS_OK", "START"));

        await live.WaitForAsync(m => m.Count == 1, "the decision");
        Assert.StartsWith("bitgrid/home/decisions/miner-1 {", live.Messages[0], StringComparison.Ordinal);
        Assert.Contains("\"code\":\"START_R1_SURPLUS_OK\"", live.Messages[0], StringComparison.Ordinal);
        Assert.Contains("\"block_id\":\"2026-06-21T12:00:00Z\"", live.Messages[0], StringComparison.Ordinal);
        Assert.Contains("\"decided_at\":\"2026-06-21T12:00:00.125Z\"", live.Messages[0], StringComparison.Ordinal);
        Assert.Contains("\"valid_until\":\"2026-06-21T12:20:00.000Z\"", live.Messages[0], StringComparison.Ordinal);
        Assert.Contains("\"params\":{\"surplus_kw\":3.2}", live.Messages[0], StringComparison.Ordinal);
        // A dashboard that connects later still sees the latest decision.
        using var late = await MosquittoSub.StartAsync(broker.Port, "bitgrid/home/decisions/+");
        await late.WaitForAsync(m => m.Count == 1 && m[0].Contains("\"sequence\":7", StringComparison.Ordinal), "the retained decision");
    }

    [Fact]
    public async Task ADecisionRecordedWhileTheBrokerIsDownIsPublishedAfterTheReconnect()
    {
        using var broker = new Mosquitto();
        await using var adapter = await TelemetryAdapters.StartAsync(TelemetryAdapters.Options(broker.Port), new RecordingSink("pv-1"));
        broker.Stop();
        await TelemetryAdapters.ConnectedAsync(adapter, false);

        adapter.OnRecorded(Decision("miner-2", 11, "STOP_R3_OVERTEMP", "STOP"));
        broker.Start();
        using var sub = await MosquittoSub.StartAsync(broker.Port, "bitgrid/home/decisions/+");

        await sub.WaitForAsync(m => m.Any(l => l.StartsWith("bitgrid/home/decisions/miner-2 ", StringComparison.Ordinal)
            && l.Contains("\"code\":\"STOP_R3_OVERTEMP\"", StringComparison.Ordinal)), "the decision after the reconnect", TimeSpan.FromSeconds(20));
    }

    private static DecisionRecord Decision(string miner, long sequence, string code, string action) => new(
        "home", miner, sequence, "2026-06-21T12:00:00Z", code, action, null, "BLOCK", "Enough PV surplus.",
        ImmutableDictionary<string, double?>.Empty.Add("surplus_kw", 3.2), [], [], null, null,
        new DateTimeOffset(2026, 6, 21, 12, 0, 0, 125, TimeSpan.Zero), new DateTimeOffset(2026, 6, 21, 12, 20, 0, TimeSpan.Zero));
}
