using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace BitGridAI.Adapters.Tests;

/// <summary>How a <see cref="TestPlug"/> answers a switch command.</summary>
internal enum PlugBehaviour
{
    /// <summary>Switches and publishes its status on <c>{prefix}/status/switch:0</c> (Gen2) or <c>shellies/{prefix}/relay/0</c> (Gen1).</summary>
    ReportsStatus,

    /// <summary>Switches and sends a Gen2 <c>NotifyStatus</c> event on <c>{prefix}/events/rpc</c>.</summary>
    NotifiesStatus,

    /// <summary>Its contacts are welded: it reports the state it was in, never the one it was told.</summary>
    Stuck,
}

/// <summary>A Shelly plug as an MQTT client: takes Gen2 Switch.Set RPCs and Gen1 commands and reports its relay as told.</summary>
internal sealed class TestPlug : IAsyncDisposable
{
    private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();
    private readonly string _prefix;
    private readonly PlugBehaviour _behaviour;
    private bool _on = true;

    private TestPlug(string prefix, PlugBehaviour behaviour)
    {
        _prefix = prefix;
        _behaviour = behaviour;
        _client.ApplicationMessageReceivedAsync += async e =>
        {
            var payload = e.ApplicationMessage.ConvertPayloadToString();
            var gen1 = e.ApplicationMessage.Topic.StartsWith("shellies/", StringComparison.Ordinal);
            var asked = gen1 ? payload == "on" : payload.Contains("\"on\":true", StringComparison.Ordinal);
            if (_behaviour != PlugBehaviour.Stuck)
            {
                _on = asked;
            }
            var state = _on ? "true" : "false";
            var (topic, report) = gen1 ? ($"shellies/{_prefix}/relay/0", _on ? "on" : "off")
                : _behaviour == PlugBehaviour.NotifiesStatus
                    ? ($"{_prefix}/events/rpc", $"{{\"src\":\"{_prefix}\",\"dst\":\"{_prefix}/events\",\"method\":\"NotifyStatus\",\"params\":{{\"ts\":1781956800.5,\"switch:0\":{{\"id\":0,\"output\":{state}}}}}}}")
                    : ($"{_prefix}/status/switch:0", $"{{\"id\":0,\"source\":\"MQTT\",\"output\":{state},\"apower\":0.0}}");
            await _client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(report).Build());
        };
    }

    public static async Task<TestPlug> StartAsync(int brokerPort, string prefix, PlugBehaviour behaviour = PlugBehaviour.ReportsStatus)
    {
        var plug = new TestPlug(prefix, behaviour);
        await plug._client.ConnectAsync(new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", brokerPort).WithClientId("test-plug-" + Guid.NewGuid().ToString("N")[..8]).WithProtocolVersion(MqttProtocolVersion.V500).Build());
        await plug._client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder()
            .WithTopicFilter($"{prefix}/rpc", MqttQualityOfServiceLevel.AtLeastOnce)
            .WithTopicFilter($"shellies/{prefix}/relay/0/command", MqttQualityOfServiceLevel.AtLeastOnce)
            .Build());
        return plug;
    }

    public async ValueTask DisposeAsync()
    {
        if (_client.IsConnected)
        {
            await _client.DisconnectAsync();
        }
        _client.Dispose();
    }
}
