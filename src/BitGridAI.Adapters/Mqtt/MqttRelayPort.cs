using BitGridAI.Adapters.Drivers;
using BitGridAI.Grains.Abstractions.Ports;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace BitGridAI.Adapters.Mqtt;

/// <summary>
/// Switches smart plugs over MQTT. One connection, opened on first use and again after it drops; it listens
/// to every plug's state reports (<see cref="ShellyReports"/>). A switch is published with QoS 1 and counts
/// as done only when the plug itself reports the new state: the broker's acknowledgement says only that the
/// broker has the command, not that a plug took it. No report within the timeout is
/// <c>relay_unconfirmed</c>; a broker that does not answer makes the relay unreachable. Either way the
/// miner grain sees the relay as not switched.
/// </summary>
public sealed class MqttRelayPort : IRelayPort, IAsyncDisposable
{
    private readonly MqttRelayOptions _options;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<string, MqttRelayDefinition> _reportTopics = new(StringComparer.Ordinal);
    private readonly Lock _waitersGate = new();
    private readonly List<Waiter> _waiters = [];
    private IMqttClient _client;
    private long _requests;

    public MqttRelayPort(MqttRelayOptions options)
    {
        _options = options;
        foreach (var relay in options.Relays)
        {
            foreach (var topic in ShellyReports.Topics(relay))
            {
                _reportTopics[topic] = relay;
            }
        }
        _client = NewClient();
    }

    public bool Handles(string relayId) => _options.Relays.Any(r => r.Id == relayId);

    public async ValueTask SwitchAsync(string relayId, bool on, CancellationToken cancellationToken)
    {
        var relay = _options.Relays.FirstOrDefault(r => r.Id == relayId)
            ?? throw new DeviceUnreachableException(relayId, "no MQTT relay with this id is configured");
        var (topic, payload) = ShellyCommands.Switch(relay, on, Interlocked.Increment(ref _requests));
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.Timeout);
        // Listening before the command goes out, so a plug that answers at once is not missed.
        var waiter = new Waiter(relay, on);
        lock (_waitersGate)
        {
            _waiters.Add(waiter);
        }
        try
        {
            await PublishAsync(relayId, topic, payload, timeout.Token, cancellationToken);
            try
            {
                await waiter.Reported.Task.WaitAsync(timeout.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new DeviceUnreachableException(
                    relayId,
                    $"the plug did not report its relay {(on ? "on" : "off")} on {string.Join(" or ", ShellyReports.Topics(relay))} within {_options.Timeout.TotalSeconds:F0} s (the broker took the command; the plug may be offline)",
                    RelayUnconfirmedException.Kind);
            }
        }
        finally
        {
            lock (_waitersGate)
            {
                _waiters.Remove(waiter);
            }
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

    private async Task PublishAsync(string relayId, string topic, string payload, CancellationToken timeout, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (!_client.IsConnected)
            {
                // A fresh client each time: one whose connection dropped may still be busy disconnecting.
                _client.Dispose();
                _client = NewClient();
                await _client.ConnectAsync(ConnectOptions(), timeout);
                if (_reportTopics.Count > 0)
                {
                    var subscribe = new MqttClientSubscribeOptionsBuilder();
                    foreach (var report in _reportTopics.Keys)
                    {
                        subscribe.WithTopicFilter(f => f.WithTopic(report).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce));
                    }
                    await _client.SubscribeAsync(subscribe.Build(), timeout);
                }
            }
            var message = new MqttApplicationMessageBuilder()
                .WithTopic(topic)
                .WithPayload(payload)
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
                .Build();
            var result = await _client.PublishAsync(message, timeout);
            if (!result.IsSuccess)
            {
                throw new DeviceUnreachableException(relayId, $"the broker refused the switch: {result.ReasonCode}");
            }
        }
        catch (Exception e) when (e is OperationCanceledException or MQTTnet.Exceptions.MqttCommunicationException or InvalidOperationException
                                  && !cancellationToken.IsCancellationRequested)
        {
            throw new DeviceUnreachableException(relayId, $"the MQTT broker {_options.Host}:{_options.Port} did not answer within {_options.Timeout.TotalSeconds:F0} s");
        }
        finally
        {
            _gate.Release();
        }
    }

    private IMqttClient NewClient()
    {
        var client = new MqttClientFactory().CreateMqttClient();
        client.ApplicationMessageReceivedAsync += e =>
        {
            OnReport(e.ApplicationMessage);
            return Task.CompletedTask;
        };
        return client;
    }

    /// <summary>A plug's state report completes the switches waiting for that state.</summary>
    private void OnReport(MqttApplicationMessage message)
    {
        // A retained state is what the plug said some time ago, perhaps before it went offline: no answer to this switch.
        if (message.Retain || !_reportTopics.TryGetValue(message.Topic, out var relay)
            || ShellyReports.Output(relay, message.Topic, message.Payload) is not { } output)
        {
            return;
        }
        lock (_waitersGate)
        {
            foreach (var waiter in _waiters.Where(w => w.Relay == relay && w.On == output))
            {
                waiter.Reported.TrySetResult();
            }
        }
    }

    private MqttClientOptions ConnectOptions()
    {
        var connect = new MqttClientOptionsBuilder()
            .WithTcpServer(_options.Host, _options.Port)
            .WithClientId($"bitgrid-relays-{Environment.ProcessId}")
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithTimeout(_options.Timeout);
        if (!string.IsNullOrEmpty(_options.Username))
        {
            connect = connect.WithCredentials(_options.Username, _options.Password);
        }
        if (_options.UseTls)
        {
            connect = connect.WithTlsOptions(tls => tls.UseTls());
        }
        return connect.Build();
    }

    /// <summary>One switch waiting for its report; a class, so two switches of one relay stay two waiters.</summary>
    private sealed class Waiter(MqttRelayDefinition relay, bool on)
    {
        public MqttRelayDefinition Relay { get; } = relay;

        public bool On { get; } = on;

        public TaskCompletionSource Reported { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
