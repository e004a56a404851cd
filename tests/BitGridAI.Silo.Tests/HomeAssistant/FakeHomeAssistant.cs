using System.Collections.Concurrent;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace BitGridAI.Silo.Tests.HomeAssistant;

/// <summary>An MQTT client in Home Assistant's seat: it reads the discovery and state topics and presses buttons.</summary>
internal sealed class FakeHomeAssistant : IAsyncDisposable
{
    private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();
    private readonly ConcurrentQueue<Received> _messages = new();

    public sealed record Received(string Topic, string Payload, bool Retained);

    public IReadOnlyList<Received> Messages => [.. _messages];

    /// <summary>The newest message of each topic.</summary>
    public IReadOnlyDictionary<string, Received> Latest => Messages.GroupBy(m => m.Topic).ToDictionary(g => g.Key, g => g.Last());

    public static async Task<FakeHomeAssistant> ConnectAsync(int port, string? user = null, string? password = null, params string[] filters)
    {
        var ha = new FakeHomeAssistant();
        ha._client.ApplicationMessageReceivedAsync += e =>
        {
            ha._messages.Enqueue(new Received(e.ApplicationMessage.Topic, e.ApplicationMessage.ConvertPayloadToString(), e.ApplicationMessage.Retain));
            return Task.CompletedTask;
        };
        var options = new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port).WithClientId("home-assistant-" + Guid.NewGuid().ToString("N")[..8])
            .WithProtocolVersion(MqttProtocolVersion.V500);
        if (user is not null)
        {
            options = options.WithCredentials(user, password);
        }
        await ha._client.ConnectAsync(options.Build());
        var subscribe = new MqttClientSubscribeOptionsBuilder();
        foreach (var filter in filters.Length == 0 ? ["homeassistant/#", "bitgrid/home/ha/#"] : filters)
        {
            subscribe.WithTopicFilter(filter, MqttQualityOfServiceLevel.AtLeastOnce);
        }
        ha.LastSubscription = await ha._client.SubscribeAsync(subscribe.Build());
        return ha;
    }

    public MqttClientSubscribeResult LastSubscription { get; private set; } = null!;

    public Task<MqttClientPublishResult> PublishAsync(string topic, byte[] payload) =>
        _client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());

    public Task<MqttClientPublishResult> PublishAsync(string topic, string payload) => PublishAsync(topic, System.Text.Encoding.UTF8.GetBytes(payload));

    public async Task WaitForAsync(Func<FakeHomeAssistant, bool> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition(this))
        {
            Assert.True(DateTime.UtcNow < deadline, $"{what} did not happen within {timeout.TotalSeconds} s; seen topics: {string.Join(", ", Latest.Keys.Order(StringComparer.Ordinal))}");
            await Task.Delay(50);
        }
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
