using BitGridAI.Grains.Abstractions.Ports;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace BitGridAI.Adapters.Mqtt;

/// <summary>
/// Switches smart plugs over MQTT. One connection, opened on first use and again after it drops; each
/// switch is published with QoS 1 and counts as done when the broker acknowledges it. A broker that does
/// not answer within the timeout makes the relay unreachable — the miner grain then reports it.
/// </summary>
public sealed class MqttRelayPort(MqttRelayOptions options) : IRelayPort, IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private IMqttClient _client = new MqttClientFactory().CreateMqttClient();
    private long _requests;

    public bool Handles(string relayId) => options.Relays.Any(r => r.Id == relayId);

    public async ValueTask SwitchAsync(string relayId, bool on, CancellationToken cancellationToken)
    {
        var relay = options.Relays.FirstOrDefault(r => r.Id == relayId)
            ?? throw new DeviceUnreachableException(relayId, "no MQTT relay with this id is configured");
        var (topic, payload) = ShellyCommands.Switch(relay, on, Interlocked.Increment(ref _requests));
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Timeout);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (!_client.IsConnected)
            {
                // A fresh client each time: one whose connection dropped may still be busy disconnecting.
                _client.Dispose();
                _client = new MqttClientFactory().CreateMqttClient();
                var connect = new MqttClientOptionsBuilder()
                    .WithTcpServer(options.Host, options.Port)
                    .WithClientId($"bitgrid-relays-{Environment.ProcessId}")
                    .WithProtocolVersion(MqttProtocolVersion.V500);
                if (!string.IsNullOrEmpty(options.Username))
                {
                    connect = connect.WithCredentials(options.Username, options.Password);
                }
                await _client.ConnectAsync(connect.Build(), timeout.Token);
            }
            var message = new MqttApplicationMessageBuilder()
                .WithTopic(topic)
                .WithPayload(payload)
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
                .Build();
            var result = await _client.PublishAsync(message, timeout.Token);
            if (!result.IsSuccess)
            {
                throw new DeviceUnreachableException(relayId, $"the broker refused the switch: {result.ReasonCode}");
            }
        }
        catch (Exception e) when (e is OperationCanceledException or MQTTnet.Exceptions.MqttCommunicationException or InvalidOperationException
                                  && !cancellationToken.IsCancellationRequested)
        {
            throw new DeviceUnreachableException(relayId, $"the MQTT broker {options.Host}:{options.Port} did not answer within {options.Timeout.TotalSeconds:F0} s");
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_client.IsConnected)
        {
            await _client.DisconnectAsync();
        }
        _client.Dispose();
        _gate.Dispose();
    }
}
