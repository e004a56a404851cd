using MQTTnet;
using MQTTnet.Exceptions;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace BitGridAI.Simulator.Protocols;

/// <summary>
/// One MQTT connection of simulated devices, kept up on the site clock's timers: every round (by default
/// <see cref="RetryInterval"/>) it reconnects when it is down (the broker may start after the simulator, or
/// restart) and runs the owner's round. After each connect the owner subscribes and announces itself again.
/// The accelerated site clock runs its timers in real time, so a round is real time in the silo.
/// </summary>
internal sealed class SimulatorMqttLink : IAsyncDisposable
{
    public static readonly TimeSpan RetryInterval = TimeSpan.FromSeconds(2);

    private readonly SimulatedProtocolOptions _options;
    private readonly TimeProvider _siteTime;
    private readonly string _clientId;
    private readonly Func<Task> _onConnected;
    private readonly Func<Task> _onRound;
    private readonly TimeSpan _round;
    private readonly MqttClientFactory _factory = new();
    private readonly CancellationTokenSource _stop = new();
    private Task _keepConnected = Task.CompletedTask;

    public SimulatorMqttLink(SimulatedProtocolOptions options, TimeProvider siteTime, string clientId, Func<Task> onConnected, Func<Task>? onRound = null, TimeSpan? round = null)
    {
        _round = round ?? RetryInterval;
        _options = options;
        _siteTime = siteTime;
        _clientId = clientId;
        _onConnected = onConnected;
        _onRound = onRound ?? (() => Task.CompletedTask);
        Client = _factory.CreateMqttClient();
    }

    public IMqttClient Client { get; }

    public CancellationToken Stopping => _stop.Token;

    public void Start() => _keepConnected = KeepConnectedAsync();

    public async Task SubscribeAsync(IEnumerable<string> topics)
    {
        var subscribe = _factory.CreateSubscribeOptionsBuilder();
        foreach (var topic in topics)
        {
            subscribe.WithTopicFilter(topic, MqttQualityOfServiceLevel.AtLeastOnce);
        }
        await Client.SubscribeAsync(subscribe.Build(), _stop.Token);
    }

    // QoS 0: publishing from a receive handler must not wait for the broker's acknowledgement.
    public async Task PublishAsync(string topic, string payload, bool retain = false) => await Client.PublishAsync(
        new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload).WithRetainFlag(retain).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtMostOnce).Build(),
        _stop.Token);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _keepConnected;
        if (Client.IsConnected)
        {
            try
            {
                await Client.DisconnectAsync();
            }
            catch (MqttCommunicationException)
            {
                // the broker went first
            }
        }
        Client.Dispose();
        _stop.Dispose();
    }

    private async Task KeepConnectedAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                if (!Client.IsConnected)
                {
                    await ConnectAsync();
                }
                if (Client.IsConnected)
                {
                    await _onRound();
                }
            }
            catch (Exception e) when (e is MqttCommunicationException or OperationCanceledException or InvalidOperationException)
            {
                // No broker (yet), or it went away mid-round: the next round tries again.
            }
            try
            {
                await Task.Delay(_round, _siteTime, _stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task ConnectAsync()
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
        timeout.CancelAfter(TimeSpan.FromSeconds(5));
        var connect = _factory.CreateClientOptionsBuilder()
            .WithTcpServer(_options.MqttHost, _options.MqttPort)
            .WithClientId($"{_clientId}-{Environment.ProcessId}")
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .Build();
        await Client.ConnectAsync(connect, timeout.Token);
        await _onConnected();
    }
}
