using BitGridAI.Domain.Signals;
using Microsoft.Extensions.Time.Testing;

namespace BitGridAI.Adapters.Tests;

/// <summary>Telemetry published by an independent client (mosquitto_pub) through each broker reaches the sink as samples.</summary>
public sealed class MqttTelemetryIngestTests
{
    [Theory]
    [InlineData(Brokers.Mosquitto)]
    [InlineData(Brokers.Embedded)]
    public async Task OurSchemaBecomesOneSamplePerSignalStampedWithTheSendersTime(string kind)
    {
        using var broker = Brokers.Start(kind);
        var sink = new RecordingSink("pv-1", "battery");
        await using var adapter = await TelemetryAdapters.StartAsync(TelemetryAdapters.Options(broker.Port), sink);

        MosquittoPub.Publish(broker.Port, "bitgrid/home/devices/pv-1/telemetry", """{"ts":"2026-06-21T12:00:00.250Z","pv_power_w":4200}""");
        MosquittoPub.Publish(broker.Port, "bitgrid/home/devices/battery/telemetry", """{"ts":"2026-06-21T14:00:00+02:00","battery_soc_pct":81.5,"battery_power_w":-1200}""");

        await sink.WaitForAsync(s => s.Count == 3, "three samples");
        var at = new DateTimeOffset(2026, 6, 21, 12, 0, 0, 250, TimeSpan.Zero);
        Assert.Contains(sink.Samples, s => s.Device == "pv-1" && s.Sample.Signal == Signal.PvPowerW && s.Sample.Value == 4200 && s.Sample.At == at);
        Assert.Contains(sink.Samples, s => s.Device == "battery" && s.Sample.Signal == Signal.BatterySocPct && s.Sample.Value == 81.5 && s.Sample.At == at.AddMilliseconds(-250));
        Assert.Contains(sink.Samples, s => s.Device == "battery" && s.Sample.Signal == Signal.BatteryPowerW && s.Sample.Value == -1200);
        Assert.Equal(3, adapter.Counters.SamplesDelivered);
        Assert.Empty(adapter.Counters.Problems());
    }

    [Fact]
    public async Task WithoutATimestampASampleCarriesTheSiteClocksReceiptTime()
    {
        using var broker = new Mosquitto();
        var siteTime = new DateTimeOffset(2026, 6, 21, 6, 30, 0, TimeSpan.Zero);
        var sink = new RecordingSink("meter");
        await using var adapter = await TelemetryAdapters.StartAsync(TelemetryAdapters.Options(broker.Port), sink, new FakeTimeProvider(siteTime));

        MosquittoPub.Publish(broker.Port, "bitgrid/home/devices/meter/telemetry", """{"grid_import_w":350,"grid_export_w":0}""");

        await sink.WaitForAsync(s => s.Count == 2, "import and export");
        Assert.All(sink.Samples, s => Assert.Equal(siteTime, s.Sample.At));
        Assert.Contains(sink.Samples, s => s.Sample.Signal == Signal.GridImportW && s.Sample.Value == 350);
    }

    [Theory]
    [InlineData(Brokers.Mosquitto)]
    [InlineData(Brokers.Embedded)]
    public async Task AShellyPlugsNotifyStatusGivesTheMinersPowerAtTheShellysTime(string kind)
    {
        using var broker = Brokers.Start(kind);
        var sink = new RecordingSink("miner-plug");
        await using var adapter = await TelemetryAdapters.StartAsync(TelemetryAdapters.Options(broker.Port, SampleMappings.Shelly()), sink);

        MosquittoPub.Publish(broker.Port, SampleMappings.ShellyTopic, SampleMappings.ShellyStatus(1623.4, "1781956800.5"));

        await sink.WaitForAsync(s => s.Count == 1, "the plug's power");
        var (device, sample) = sink.Samples[0];
        Assert.Equal("miner-plug", device);
        Assert.Equal(Signal.MinerPowerW, sample.Signal);
        Assert.Equal(1623.4, sample.Value);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1_781_956_800_500), sample.At);
    }

    [Fact]
    public async Task ATasmotaSensorMessageGivesItsEnergyPowerStampedOnArrival()
    {
        using var broker = new Mosquitto();
        var siteTime = new DateTimeOffset(2026, 6, 21, 12, 0, 0, TimeSpan.Zero);
        var sink = new RecordingSink("tasmota-plug");
        await using var adapter = await TelemetryAdapters.StartAsync(TelemetryAdapters.Options(broker.Port, SampleMappings.Tasmota()), sink, new FakeTimeProvider(siteTime));

        MosquittoPub.Publish(broker.Port, SampleMappings.TasmotaTopic, SampleMappings.TasmotaSensor(845));

        await sink.WaitForAsync(s => s.Count == 1, "the plug's power");
        Assert.Equal(Signal.HouseLoadW, sink.Samples[0].Sample.Signal);
        Assert.Equal(845, sink.Samples[0].Sample.Value);
        Assert.Equal(siteTime, sink.Samples[0].Sample.At);
    }

    [Theory]
    [InlineData(Brokers.Mosquitto)]
    [InlineData(Brokers.Embedded)]
    public async Task AHomeAssistantStateInKilowattsIsScaledToWatts(string kind)
    {
        using var broker = Brokers.Start(kind);
        var sink = new RecordingSink("ha-pv");
        await using var adapter = await TelemetryAdapters.StartAsync(TelemetryAdapters.Options(broker.Port, SampleMappings.HomeAssistant()), sink);

        MosquittoPub.Publish(broker.Port, SampleMappings.HomeAssistantTopic, "4.25");

        await sink.WaitForAsync(s => s.Count == 1, "the PV power");
        Assert.Equal(Signal.PvPowerW, sink.Samples[0].Sample.Signal);
        Assert.Equal(4250, sink.Samples[0].Sample.Value, 9);
    }

    [Fact]
    public async Task OneTopicCanFeedSeveralSignalsWithScaleAndOffset()
    {
        using var broker = new Mosquitto();
        var sink = new RecordingSink("miner-1");
        var miner = TelemetryAdapters.Device("miner-1",
            new() { Topic = "miners/avalon/state", JsonPath = "temps[1].kelvin", Signal = "miner_temp_c", Offset = -273.15 },
            new() { Topic = "miners/avalon/state", JsonPath = "power.kw", Signal = "miner_power_w", Scale = 1000 });
        await using var adapter = await TelemetryAdapters.StartAsync(TelemetryAdapters.Options(broker.Port, miner), sink);

        MosquittoPub.Publish(broker.Port, "miners/avalon/state", """{"temps":[{"kelvin":330.0},{"kelvin":345.15}],"power":{"kw":1.674}}""");

        await sink.WaitForAsync(s => s.Count == 2, "temperature and power");
        Assert.Equal(72.0, sink.Samples.Single(s => s.Sample.Signal == Signal.MinerTempC).Sample.Value, 9);
        Assert.Equal(1674.0, sink.Samples.Single(s => s.Sample.Signal == Signal.MinerPowerW).Sample.Value, 9);
    }

    [Fact]
    public async Task AUnitNamedInTheMappingIsConvertedToTheSignalsUnit()
    {
        using var broker = new Mosquitto();
        var sink = new RecordingSink("miner-1");
        var miner = TelemetryAdapters.Device("miner-1",
            new() { Topic = "miners/avalon/state", JsonPath = "temps[1].fahrenheit", Signal = "miner_temp_c", Unit = "°F" },
            new() { Topic = "miners/avalon/state", JsonPath = "power.kw", Signal = "miner_power_w", Unit = "kW" });
        await using var adapter = await TelemetryAdapters.StartAsync(TelemetryAdapters.Options(broker.Port, miner), sink);

        MosquittoPub.Publish(broker.Port, "miners/avalon/state", """{"temps":[{"fahrenheit":140},{"fahrenheit":185}],"power":{"kw":1.674}}""");

        await sink.WaitForAsync(s => s.Count == 2, "temperature and power");
        Assert.Equal(85.0, sink.Samples.Single(s => s.Sample.Signal == Signal.MinerTempC).Sample.Value, 9);
        Assert.Equal(1674.0, sink.Samples.Single(s => s.Sample.Signal == Signal.MinerPowerW).Sample.Value, 9);
    }
}
