using System.Buffers;
using System.Text;
using BitGridAI.Adapters.Mqtt;
using BitGridAI.Domain.Signals;
using BitGridAI.Grains.Abstractions.Messages;
using Microsoft.Extensions.Logging.Abstractions;

namespace BitGridAI.Adapters.Tests;

/// <summary>
/// A device speaks only for itself: on BitGridAI's telemetry topic only the devices configured to publish
/// there, with only their own signals; a mapped device only through its mapped topics; and a retained
/// message whose age is unknown is never taken as fresh.
/// </summary>
public sealed class DeviceScopeTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 21, 12, 0, 0, TimeSpan.Zero);
    private readonly List<(string Device, TelemetrySample Sample)> _samples = [];
    private readonly IngestCounters _counters = new(NullLogger.Instance, 1000);
    private readonly TelemetryDecoder _decoder;

    public DeviceScopeTests()
    {
        // pv-1, battery and meter publish in the schema; tasmota-plug is mapped; miner-1 is polled (known to the site, configured nowhere here).
        var options = TelemetryAdapters.Options(1883, SampleMappings.Tasmota());
        _decoder = new TelemetryDecoder(options, id => id is "pv-1" or "battery" or "meter" or "tasmota-plug" or "miner-1", _counters, (device, sample) =>
        {
            _samples.Add((device, sample));
            return true;
        });
    }

    [Fact]
    public void AMeterCannotReportAMinerTemperatureOrHeartbeat()
    {
        Decode("bitgrid/home/devices/meter/telemetry", """{"grid_import_w":350,"miner_temp_c":20,"miner_heartbeat_age_sec":0}""");

        Assert.Equal([("meter", Signal.GridImportW)], _samples.Select(s => (s.Device, s.Sample.Signal)));
        Assert.Equal(2, _counters.Count("meter", IngestProblem.RefusedSignal));
        Assert.Contains(_counters.Problems(), p => p is { Device: "meter", Problem: "refused_signal", Count: 2 });
    }

    [Fact]
    public void APolledDeviceGetsNothingFromItsTelemetryTopic()
    {
        Decode("bitgrid/home/devices/miner-1/telemetry", """{"miner_temp_c":20,"miner_heartbeat_age_sec":0}""");

        Assert.Empty(_samples);
        Assert.Equal(1, _counters.Count("miner-1", IngestProblem.RefusedDevice));
    }

    [Fact]
    public void AMappedDeviceIsHeardOnlyOnItsMappedTopic()
    {
        Decode("bitgrid/home/devices/tasmota-plug/telemetry", """{"house_load_w":10}""");
        Decode(SampleMappings.TasmotaTopic, SampleMappings.TasmotaSensor(845));

        Assert.Equal([("tasmota-plug", Signal.HouseLoadW, 845.0)], _samples.Select(s => (s.Device, s.Sample.Signal, s.Sample.Value)));
        Assert.Equal(1, _counters.Count("tasmota-plug", IngestProblem.RefusedDevice));
    }

    [Fact]
    public void ARetainedMessageWithoutItsOwnTimestampIsDroppedAsStale()
    {
        Decode("bitgrid/home/devices/pv-1/telemetry", """{"pv_power_w":4200}""", retained: true);
        Decode(SampleMappings.TasmotaTopic, SampleMappings.TasmotaSensor(845), retained: true);

        Assert.Empty(_samples);
        Assert.Equal(1, _counters.Count("pv-1", IngestProblem.StaleRetained));
        Assert.Equal(1, _counters.Count("tasmota-plug", IngestProblem.StaleRetained));
    }

    [Fact]
    public void ARetainedMessageWithItsOwnTimestampKeepsThatTime()
    {
        Decode("bitgrid/home/devices/pv-1/telemetry", """{"ts":"2026-06-21T11:00:00Z","pv_power_w":4200}""", retained: true);

        var sample = Assert.Single(_samples).Sample;
        Assert.Equal(Now.AddHours(-1), sample.At); // an hour old: the grain drops it as stale by its own rule
    }

    private void Decode(string topic, string payload, bool retained = false) =>
        _decoder.Decode(topic, new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes(payload)), Now, retained);
}
