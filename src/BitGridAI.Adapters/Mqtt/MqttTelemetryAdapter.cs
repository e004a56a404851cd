using System.Collections.Concurrent;
using System.Threading.Channels;
using BitGridAI.Grains.Abstractions.Messages;
using BitGridAI.Grains.Abstractions.Ports;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace BitGridAI.Adapters.Mqtt;

/// <summary>
/// Pushed telemetry over MQTT into the device grains, and the site's state back out. It keeps one
/// connection to the broker (reconnecting with backoff, resubscribing each time), announces itself on
/// <c>{prefix}/{site}/status</c> (<c>online</c> retained, <c>offline</c> as its last will), decodes every
/// message on the subscribed topics into samples for <see cref="ITelemetrySink"/>, and publishes each
/// recorded decision. Bad input is counted in <see cref="Counters"/>, never thrown. Topics: docs/mqtt.md.
/// </summary>
public sealed class MqttTelemetryAdapter : IHostedService, IDecisionObserver, IAsyncDisposable
{
    private const string Online = "online";
    private const string Offline = "offline";

    private readonly MqttTelemetryOptions _options;
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;
    private readonly TelemetryDecoder _decoder;
    private readonly SampleHandOff _handOff;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<string, DecisionRecord> _unpublished = new(StringComparer.Ordinal);
    private readonly Channel<bool> _decisionsWaiting = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly string _listeningOn;
    private volatile IMqttClient? _connected;
    private Task _running = Task.CompletedTask;

    /// <param name="options">Section <see cref="MqttTelemetryOptions.Section"/>; checked here as well (an invalid one throws, naming every key).</param>
    /// <param name="sink">Where samples go: the device grains.</param>
    /// <param name="clock">The site clock: stamps samples whose payload has no timestamp, and times reconnects.</param>
    /// <param name="logger">Connection changes and (throttled) bad input.</param>
    public MqttTelemetryAdapter(MqttTelemetryOptions options, ITelemetrySink sink, TimeProvider clock, ILogger<MqttTelemetryAdapter> logger)
    {
        var errors = MqttTelemetryOptionsValidator.Check(options);
        if (errors.Count > 0)
        {
            throw new ArgumentException("invalid MQTT telemetry options: " + string.Join("; ", errors), nameof(options));
        }
        _options = options;
        _clock = clock;
        _logger = logger;
        Topics = new TelemetryTopics(options.TopicPrefix, options.Site);
        Counters = new IngestCounters(logger, options.LogEveryN);
        _handOff = new SampleHandOff(sink, Counters, options.QueueCapacity);
        _decoder = new TelemetryDecoder(options, sink.Knows, Counters, _handOff.Offer);
        _listeningOn = string.Join(", ", _decoder.Subscriptions);
    }

    /// <summary>Messages, samples and bad input per device and kind, for status pages.</summary>
    public IngestCounters Counters { get; }

    public TelemetryTopics Topics { get; }

    /// <summary>Connected and subscribed.</summary>
    public bool IsConnected => _connected?.IsConnected == true;

    /// <summary>Starts connecting in the background: a broker that is down delays telemetry, never the silo.</summary>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var device in _decoder.UnknownMappedDevices())
        {
            MqttLog.UnknownMappedDevice(_logger, device);
        }
        _running = Task.WhenAll(
            Task.Run(_handOff.RunAsync, CancellationToken.None),
            Task.Run(() => ConnectionLoopAsync(_stopping.Token), CancellationToken.None),
            Task.Run(() => PublishDecisionsAsync(_stopping.Token), CancellationToken.None));
        return Task.CompletedTask;
    }

    /// <summary>Says <c>offline</c> (retained), disconnects cleanly and hands over the samples already queued.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        _handOff.Complete();
        await _running.WaitAsync(cancellationToken);
    }

    /// <summary>Keeps the newest decision per miner until it is published (retained: a late subscriber sees it at once).</summary>
    public void OnRecorded(DecisionRecord decision)
    {
        // A silo of several sites has one adapter per site: each publishes its own site's decisions only.
        if (decision.SiteId != _options.Site)
        {
            return;
        }
        _unpublished.AddOrUpdate(decision.MinerId, decision, (_, old) => decision.Sequence >= old.Sequence ? decision : old);
        _decisionsWaiting.Writer.TryWrite(true);
    }

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
        var backoff = new Backoff(_options.ReconnectMinDelay, _options.ReconnectMaxDelay);
        var failures = 0;
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
                _decoder.Decode(e.ApplicationMessage.Topic, e.ApplicationMessage.Payload, _clock.GetUtcNow(), e.ApplicationMessage.Retain);
                return Task.CompletedTask;
            };
            var reason = "connection lost";
            try
            {
                using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(stopping))
                {
                    timeout.CancelAfter(_options.ConnectTimeout);
                    await client.ConnectAsync(ConnectOptions(), timeout.Token);
                    var subscribe = new MqttClientSubscribeOptionsBuilder();
                    foreach (var filter in _decoder.Subscriptions)
                    {
                        subscribe.WithTopicFilter(f => f.WithTopic(filter).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce));
                    }
                    await client.SubscribeAsync(subscribe.Build(), timeout.Token);
                    await client.PublishAsync(Status(Online), timeout.Token);
                }
                _connected = client;
                failures = 0;
                MqttLog.Connected(_logger, broker, _options.ClientId, _listeningOn);
                _decisionsWaiting.Writer.TryWrite(true); // decisions recorded while away go out now
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
            failures = Math.Min(failures + 1, 64); // the wait stops growing at the cap long before; the count must not wrap
            var wait = backoff.After(failures);
            MqttLog.ConnectFailed(_logger, broker, reason, wait.TotalSeconds);
            try
            {
                await Task.Delay(wait, _clock, stopping);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>On stop, a clean goodbye: the last will only fires when the connection dies, so say <c>offline</c> ourselves.</summary>
    private async Task CloseAsync(IMqttClient client, bool stopping)
    {
        try
        {
            if (stopping && client.IsConnected)
            {
                using var timeout = new CancellationTokenSource(_options.ConnectTimeout);
                await client.PublishAsync(Status(Offline), timeout.Token);
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

    private async Task PublishDecisionsAsync(CancellationToken stopping)
    {
        try
        {
            while (await _decisionsWaiting.Reader.WaitToReadAsync(stopping))
            {
                _decisionsWaiting.Reader.TryRead(out _);
                foreach (var (miner, decision) in _unpublished)
                {
                    if (_connected is not { IsConnected: true } client)
                    {
                        break; // sent after the next connect
                    }
                    try
                    {
                        var message = new MqttApplicationMessageBuilder()
                            .WithTopic(Topics.Decision(miner))
                            .WithPayload(DecisionPayload.Write(decision))
                            .WithContentType("application/json")
                            .WithRetainFlag(true)
                            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
                            .Build();
                        await client.PublishAsync(message, stopping);
                        _unpublished.TryRemove(KeyValuePair.Create(miner, decision));
                    }
                    catch (OperationCanceledException) when (stopping.IsCancellationRequested)
                    {
                        return;
                    }
#pragma warning disable CA1031 // a lost connection mid-publish: the decision stays queued for the next connect
                    catch (Exception e)
#pragma warning restore CA1031
                    {
                        MqttLog.DecisionPublishFailed(_logger, miner, e.Message);
                        break;
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
    }

    private MqttClientOptions ConnectOptions()
    {
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer(_options.Host, _options.Port)
            .WithClientId(_options.ClientId)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithCleanStart(true)
            .WithTimeout(_options.ConnectTimeout)
            .WithWillTopic(Topics.Status)
            .WithWillPayload(Offline)
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

    private MqttApplicationMessage Status(string state) => new MqttApplicationMessageBuilder()
        .WithTopic(Topics.Status)
        .WithPayload(state)
        .WithRetainFlag(true)
        .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
        .Build();
}
