using BitGridAI.Adapters.Mqtt;

namespace BitGridAI.Adapters.Tests;

public sealed class MqttTelemetryOptionsTests
{
    private static MqttTelemetryOptions Valid() => new()
    {
        Devices =
        [
            SampleMappings.Shelly(),
            SampleMappings.Tasmota(),
            SampleMappings.HomeAssistant(),
        ],
    };

    [Fact]
    public void TheDefaultsAndTheDocumentedExamplesAreValid()
    {
        Assert.Empty(MqttTelemetryOptionsValidator.Check(new MqttTelemetryOptions()));
        Assert.Empty(MqttTelemetryOptionsValidator.Check(Valid()));
    }

    public static TheoryData<Action<MqttTelemetryOptions>, string> Mistakes => new()
    {
        { o => o.Port = 0, "MqttTelemetry:Port: must be a port from 1 to 65535 (got 0)" },
        { o => o.Site = "home/2", "MqttTelemetry:Site: must be a topic level without wildcards or '/' (got 'home/2')" },
        { o => o.TopicPrefix = "bitgrid/#", "MqttTelemetry:TopicPrefix: must be a topic level without wildcards (got 'bitgrid/#')" },
        { o => o.ClientId = "", "MqttTelemetry:ClientId: must not be empty" },
        { o => o.Password = "secret", "MqttTelemetry:Password: is set without MqttTelemetry:Username" },
        { o => o.MaxPayloadBytes = 10, "MqttTelemetry:MaxPayloadBytes: must be from 64 to 1048576 (got 10)" },
        { o => o.ReconnectMaxDelay = TimeSpan.FromMilliseconds(500), "MqttTelemetry:ReconnectMaxDelay: must be from ReconnectMinDelay (00:00:01) to 01:00:00" },
        { o => o.Devices[2].Signals[0].JsonPath = "ENERGY..Power", "MqttTelemetry:Devices[2]:Signals[0]:JsonPath: 'ENERGY..Power': an empty name" },
        { o => o.Devices[2].Signals[0].JsonPath = "sensors[x].value", "MqttTelemetry:Devices[2]:Signals[0]:JsonPath: 'sensors[x].value': an array index must be a whole number" },
        { o => o.Devices[1].Signals[0].Signal = "pv_power_kw", "MqttTelemetry:Devices[1]:Signals[0]:Signal: 'pv_power_kw' is no signal (one of pv_power_w, " },
        { o => o.Devices[0].Signals[0].Topic = "shellies/+/status", "MqttTelemetry:Devices[0]:Signals[0]:Topic: must be one exact topic without wildcards" },
        { o => o.Devices[0].Signals[0].Topic = "bitgrid/home/devices/x/telemetry", "MqttTelemetry:Devices[0]:Signals[0]:Topic: 'bitgrid/home/devices/x/telemetry' lies in BitGridAI's own tree" },
        { o => o.Devices[2].Signals[0].TimestampPath = "ts", "MqttTelemetry:Devices[2]:Signals[0]:TimestampPath: a plain-number payload has no timestamp" },
        { o => o.Devices[1].Signals[0].Scale = 0, "MqttTelemetry:Devices[1]:Signals[0]:Scale: must be a finite number other than 0 (got 0)" },
        { o => o.Devices[1].Id = "miner-plug", "MqttTelemetry:Devices[1]:Id: 'miner-plug' is mapped twice" },
        { o => o.Devices[0].Signals.Clear(), "MqttTelemetry:Devices[0]:Signals: list at least one topic and signal" },
        { o => o.Devices[1].Signals[0].Unit = "kWh", "MqttTelemetry:Devices[1]:Signals[0]:Unit: house_load_w takes W, kW, MW (got 'kWh')" },
    };

    [Theory]
    [MemberData(nameof(Mistakes))]
    public void EachMistakeIsOneErrorThatNamesItsKey(Action<MqttTelemetryOptions> mistake, string expected)
    {
        var options = Valid();
        mistake(options);

        var error = Assert.Single(MqttTelemetryOptionsValidator.Check(options));

        Assert.StartsWith(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void TheAdapterRefusesOptionsTheValidatorRejects()
    {
        var options = Valid();
        options.Port = 70000;

        var error = Assert.Throws<ArgumentException>(() =>
            new MqttTelemetryAdapter(options, new RecordingSink(), TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLogger<MqttTelemetryAdapter>.Instance));

        Assert.Contains("MqttTelemetry:Port", error.Message, StringComparison.Ordinal);
    }
}
