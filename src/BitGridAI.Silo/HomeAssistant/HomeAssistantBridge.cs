using System.Buffers;
using System.Threading.Channels;
using BitGridAI.Grains.Abstractions.Messages;
using BitGridAI.Grains.Abstractions.Ports;
using BitGridAI.Silo.Control;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace BitGridAI.Silo.HomeAssistant;

/// <summary>
/// BitGridAI in Home Assistant, over MQTT discovery. One client connection to the broker (reconnecting with
/// backoff): at each connect it says <c>online</c> on the availability topic (<c>offline</c> is its last will),
/// publishes the discovery configs and every state, retained; then states go out when they change (a recorded
/// decision, a command) and all of them every <see cref="HomeAssistantOptions.StateInterval"/>, read through
/// <see cref="SiteControl"/>. Commands arrive on the command topics and are carried out one at a time by
/// <see cref="HomeAssistantCommandHandler"/>. When Home Assistant restarts (<c>online</c> on its status topic) it
/// gets the discovery again. A broker that is down delays Home Assistant, never the silo.
/// </summary>
internal sealed class HomeAssistantBridge : IHostedService, IDecisionObserver, IAsyncDisposable
{
    /// <summary>A wake waits this long before reading the site, so a block's decisions and their texts go out together.</summary>
    private static readonly TimeSpan Settle = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan LongestRetry = TimeSpan.FromSeconds(30);

    private readonly HomeAssistantOptions _options;
    private readonly HomeAssistantTopics _topics;
    private readonly HomeAssistantDiscovery _discovery;
    private readonly SiteControl _control;
    private readonly HomeAssistantCommandHandler _commands;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    /// <summary>Commands wait here for the command loop; when it falls this far behind, newer ones are dropped.</summary>
    private readonly Channel<(string Topic, byte[] Payload, long Length)> _emergency =
        Channel.CreateBounded<(string, byte[], long)>(new BoundedChannelOptions(4) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });
    private readonly Channel<(string Topic, byte[] Payload, long Length)> _received =
        Channel.CreateBounded<(string, byte[], long)>(new BoundedChannelOptions(64) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

    /// <summary>What each state topic last carried, so an unchanged state is not sent again before the next full round.</summary>
    private readonly Dictionary<string, string> _published = new(StringComparer.Ordinal);
    private volatile IMqttClient? _connected;
    private int _discoveryDue = 1;
    private int _allStatesDue = 1;
    private Task _running = Task.CompletedTask;

    public HomeAssistantBridge(HomeAssistantOptions options, HomeAssistantDiscovery discovery, HomeAssistantTopics topics, SiteControl control,
        HomeAssistantCommandHandler commands, ILogger<HomeAssistantBridge> logger)
    {
        _options = options;
        _topics = topics;
        _discovery = discovery;
        _control = control;
        _commands = commands;
        _logger = logger;
    }

    /// <summary>Connected, subscribed and announced.</summary>
    public bool IsConnected => _connected?.IsConnected == true;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _running = Task.WhenAll(
            Task.Run(() => ConnectionLoopAsync(_stopping.Token), CancellationToken.None),
            Task.Run(() => PublishLoopAsync(_stopping.Token), CancellationToken.None),
            Task.Run(() => CommandLoopAsync(_stopping.Token), CancellationToken.None));
        return Task.CompletedTask;
    }

    /// <summary>Says <c>offline</c> (retained) and disconnects cleanly.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        _received.Writer.TryComplete();
        await _running.WaitAsync(cancellationToken);
    }

    /// <summary>Runs in the recorder's turn: only a wake-up, the state is read on the bridge's own loop.</summary>
    public void OnRecorded(DecisionRecord decision) => _wake.Writer.TryWrite(true);

    public async ValueTask DisposeAsync()
    {
        if (!_stopping.IsCancellationRequested)
        {
            await StopAsync(CancellationToken.None);
        }
        _stopping.Dispose();
    }

    private async Task ConnectionLoopAsync(CancellationToken stopping)
    {
        var delay = FirstRetry;
        var broker = $"{_options.Host}:{_options.Port}";
        while (!stopping.IsCancellationRequested)
        {
            var client = new MqttClientFactory().CreateMqttClient();
            var lost = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            client.DisconnectedAsync += _ =>
            {
                lost.TrySetResult();
                return Task.CompletedTask;
            };
            client.ApplicationMessageReceivedAsync += e =>
            {
                Received(e.ApplicationMessage);
                return Task.CompletedTask;
            };
            var reason = "connection lost";
            try
            {
                using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(stopping))
                {
                    timeout.CancelAfter(ConnectTimeout);
                    await client.ConnectAsync(ConnectOptions(), timeout.Token);
                    var subscribe = new MqttClientSubscribeOptionsBuilder()
                        .WithTopicFilter(f => f.WithTopic(_topics.HomeAssistantStatus).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce));
                    foreach (var command in _topics.Commands)
                    {
                        // A retained command is an old button press: never replayed on subscribe.
                        subscribe.WithTopicFilter(f => f.WithTopic(command).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
                            .WithRetainHandling(MqttRetainHandling.DoNotSendOnSubscribe).WithNoLocal(true));
                    }
                    var subscribed = await client.SubscribeAsync(subscribe.Build(), timeout.Token);
                    if (subscribed.Items.FirstOrDefault(i => (int)i.ResultCode > 2) is { } refused)
                    {
                        throw new InvalidOperationException($"the broker refused the subscription to {refused.TopicFilter.Topic} ({refused.ResultCode}); check the account's topic permissions");
                    }
                    await client.PublishAsync(Availability(HomeAssistantTopics.Online), timeout.Token);
                }
                _connected = client;
                delay = FirstRetry;
                Interlocked.Exchange(ref _discoveryDue, 1);
                Interlocked.Exchange(ref _allStatesDue, 1);
                _wake.Writer.TryWrite(true);
                HomeAssistantLog.Connected(_logger, broker, _options.ClientId, _options.DiscoveryPrefix, _options.StatePrefix);
                await lost.Task.WaitAsync(stopping);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
            }
#pragma warning disable CA1031 // whatever a connect attempt throws (refused, timeout, TLS, bad credentials), the loop tries again later
            catch (Exception e)
#pragma warning restore CA1031
            {
                reason = e.Message;
            }
            _connected = null;
            await CloseAsync(client, stopping.IsCancellationRequested);
            if (stopping.IsCancellationRequested)
            {
                return;
            }
            HomeAssistantLog.ConnectFailed(_logger, broker, reason, delay.TotalSeconds);
            try
            {
                await Task.Delay(delay, stopping);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, LongestRetry.Ticks));
        }
    }

    /// <summary>Home Assistant's birth message asks for everything again; a command is queued for the command loop.</summary>
    private void Received(MqttApplicationMessage message)
    {
        if (message.Topic == _topics.HomeAssistantStatus)
        {
            if (message.ConvertPayloadToString() == HomeAssistantTopics.Online)
            {
                Interlocked.Exchange(ref _discoveryDue, 1);
                Interlocked.Exchange(ref _allStatesDue, 1);
                _wake.Writer.TryWrite(true);
            }
            return;
        }
        if (message.Retain)
        {
            return; // a retained command is an old button press (the subscription asks for none): never carried out
        }
        // Only the first bytes of a long payload are kept: enough to refuse it, never a copy of a flood.
        var payload = message.Payload;
        var kept = payload.Slice(0, Math.Min(payload.Length, HomeAssistantCommand.MaxPayloadBytes + 1)).ToArray();
        // A full queue drops a command, never an emergency stop: that goes on its own lane, taken first.
        (message.Topic == _topics.EmergencyStopCommand ? _emergency.Writer : _received.Writer).TryWrite((message.Topic, kept, payload.Length));
    }

    private async Task CommandLoopAsync(CancellationToken stopping)
    {
        try
        {
            while (!stopping.IsCancellationRequested)
            {
                // Emergency stops first; otherwise whichever lane has a command.
                if (!_emergency.Reader.TryRead(out var next) && !_received.Reader.TryRead(out next))
                {
                    await Task.WhenAny(_emergency.Reader.WaitToReadAsync(stopping).AsTask(), _received.Reader.WaitToReadAsync(stopping).AsTask());
                    stopping.ThrowIfCancellationRequested();
                    continue;
                }
                if (await _commands.HandleAsync(next.Topic, next.Payload, next.Length) is { Accepted: true })
                {
                    _wake.Writer.TryWrite(true); // what the command changed shows at once
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
    }

    private async Task PublishLoopAsync(CancellationToken stopping)
    {
        var nextRound = DateTime.UtcNow;
        Task<bool>? wake = null;
        try
        {
            while (!stopping.IsCancellationRequested)
            {
                wake ??= _wake.Reader.WaitToReadAsync(stopping).AsTask();
                var untilRound = nextRound - DateTime.UtcNow;
                if (untilRound > TimeSpan.Zero && await Task.WhenAny(wake, Task.Delay(untilRound, stopping)) == wake)
                {
                    await wake;
                    wake = null;
                    _wake.Reader.TryRead(out _);
                    await Task.Delay(Settle, stopping);
                }
                else
                {
                    Interlocked.Exchange(ref _allStatesDue, 1);
                    nextRound = DateTime.UtcNow + _options.StateInterval;
                }
                if (_connected is { IsConnected: true } client)
                {
                    await PublishAsync(client, stopping);
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
    }

    private async Task PublishAsync(IMqttClient client, CancellationToken stopping)
    {
        var discovery = Interlocked.Exchange(ref _discoveryDue, 0) == 1;
        var all = Interlocked.Exchange(ref _allStatesDue, 0) == 1;
        SiteView site;
        try
        {
            site = await _control.GetSiteAsync().WaitAsync(ReadTimeout, stopping);
        }
        catch (Exception e) when (e is not OperationCanceledException || !stopping.IsCancellationRequested)
        {
            HomeAssistantLog.ReadFailed(_logger, e.Message);
            Again(discovery, all);
            return;
        }
        try
        {
            if (discovery)
            {
                foreach (var config in _discovery.Configs())
                {
                    await client.PublishAsync(Retained(config.Topic, config.Payload), stopping);
                }
            }
            foreach (var state in HomeAssistantStates.Of(site, _topics, _discovery.MinerIds))
            {
                if (all || !_published.TryGetValue(state.Topic, out var before) || before != state.Payload)
                {
                    await client.PublishAsync(Retained(state.Topic, state.Payload), stopping);
                    _published[state.Topic] = state.Payload;
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
#pragma warning disable CA1031 // a connection lost mid-publish: the next connect sends everything again
        catch (Exception e)
#pragma warning restore CA1031
        {
            HomeAssistantLog.PublishFailed(_logger, e.Message);
            Again(discovery: true, all: true);
        }
    }

    private void Again(bool discovery, bool all)
    {
        if (discovery)
        {
            Interlocked.Exchange(ref _discoveryDue, 1);
        }
        if (all)
        {
            Interlocked.Exchange(ref _allStatesDue, 1);
        }
    }

    /// <summary>On stop, a clean goodbye: the last will only fires when the connection dies, so say <c>offline</c> ourselves.</summary>
    private async Task CloseAsync(IMqttClient client, bool stopping)
    {
        try
        {
            if (stopping && client.IsConnected)
            {
                using var timeout = new CancellationTokenSource(ConnectTimeout);
                await client.PublishAsync(Availability(HomeAssistantTopics.Offline), timeout.Token);
                await client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().WithReason(MqttClientDisconnectOptionsReason.NormalDisconnection).Build(), timeout.Token);
            }
        }
#pragma warning disable CA1031 // a broker gone during the goodbye leaves the retained will to say offline
        catch (Exception)
#pragma warning restore CA1031
        {
        }
        finally
        {
            client.Dispose();
        }
    }

    private MqttClientOptions ConnectOptions()
    {
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer(_options.Host, _options.Port)
            .WithClientId(_options.ClientId)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithCleanStart(true)
            .WithTimeout(ConnectTimeout)
            .WithWillTopic(_topics.Availability)
            .WithWillPayload(HomeAssistantTopics.Offline)
            .WithWillRetain(true)
            .WithWillQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce);
        if (!string.IsNullOrEmpty(_options.Username))
        {
            builder = builder.WithCredentials(_options.Username, _options.Password);
        }
        if (_options.UseTls)
        {
            builder = builder.WithTlsOptions(tls => tls.UseTls());
        }
        return builder.Build();
    }

    private MqttApplicationMessage Availability(string state) => Retained(_topics.Availability, state);

    private static MqttApplicationMessage Retained(string topic, string payload) => new MqttApplicationMessageBuilder()
        .WithTopic(topic)
        .WithPayload(payload)
        .WithContentType(payload.StartsWith('{') ? "application/json" : "text/plain")
        .WithRetainFlag(true)
        .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
        .Build();
}
