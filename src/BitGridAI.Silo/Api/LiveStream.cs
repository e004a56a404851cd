using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text.Json;
using System.Threading.Channels;
using BitGridAI.Grains.Abstractions.Messages;
using BitGridAI.Grains.Abstractions.Ports;
using BitGridAI.Silo.Control;
using BitGridAI.Storage.Access;

namespace BitGridAI.Silo.Api;

/// <summary>
/// <c>WS /api/v1/stream</c>: a telemetry snapshot of the site every <see cref="ApiOptions.StreamInterval"/> (read once,
/// sent to every client) and each decision or safety stop as it is recorded. Each client has its own small queue: a
/// slow client loses its oldest telemetry, never holds up the others or the recorder that reports decisions.
/// </summary>
internal sealed partial class LiveStream(SiteControl control, ApiOptions options, TokenStore tokens, ILogger<LiveStream> logger) : BackgroundService, IDecisionObserver
{
    /// <summary>How often a connected client's token is looked up again: a revoked or expired one ends its stream.</summary>
    private static readonly TimeSpan TokenRecheck = TimeSpan.FromSeconds(10);

    /// <summary>Messages a client may lag behind before its oldest are dropped.</summary>
    private const int ClientQueue = 64;

    private readonly ConcurrentDictionary<Guid, Channel<byte[]>> _clients = new();

    public int Clients => _clients.Count;

    /// <summary>Serves one WebSocket client until it closes or the silo stops.</summary>
    public async Task ServeAsync(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            await Problems.Write(context, StatusCodes.Status400BadRequest, "WebSocket required", "open this route as a WebSocket (ws://…/api/v1/stream)");
            return;
        }
        if (_clients.Count >= options.MaxStreamClients)
        {
            await Problems.Write(context, StatusCodes.Status503ServiceUnavailable, "Too many clients", $"at most {options.MaxStreamClients} stream clients at once (Api:MaxStreamClients)");
            return;
        }
        var presented = TokenAuthentication.Presented(context.Request);
        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        var id = Guid.NewGuid();
        var queue = Channel.CreateBounded<byte[]>(new BoundedChannelOptions(ClientQueue) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
        _clients[id] = queue;
        using var closing = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        try
        {
            // The first snapshot at once, so a new client never starts with an empty screen.
            if (await TryTelemetryAsync() is { } first)
            {
                queue.Writer.TryWrite(first);
            }
            var reading = DrainAsync(socket, closing);
            var checkedAt = TimeProvider.System.GetTimestamp();
            await foreach (var message in queue.Reader.ReadAllAsync(closing.Token))
            {
                if (TimeProvider.System.GetElapsedTime(checkedAt) > TokenRecheck)
                {
                    checkedAt = TimeProvider.System.GetTimestamp();
                    if (tokens.Find(presented) is null)
                    {
                        await socket.CloseOutputAsync(WebSocketCloseStatus.PolicyViolation, "token revoked or expired", CancellationToken.None);
                        break;
                    }
                }
                await socket.SendAsync(message, WebSocketMessageType.Text, endOfMessage: true, closing.Token);
            }
            await closing.CancelAsync();
            await reading;
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException)
        {
            // the client went away
        }
        finally
        {
            _clients.TryRemove(id, out _);
            // Answer the client's close (or close first when the silo stops), so neither side sees a broken connection.
            if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                try
                {
                    await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None).ConfigureAwait(false);
                }
                catch (WebSocketException)
                {
                    // already gone
                }
            }
        }
    }

    /// <summary>Told by the recorder once a decision is in the log: queued for every client, never waited on.</summary>
    public void OnRecorded(DecisionRecord decision)
    {
        if (_clients.IsEmpty)
        {
            return;
        }
        var message = JsonSerializer.SerializeToUtf8Bytes(new
        {
            Type = decision.Trigger == "SAFETY_ASYNC" ? "safety" : "decision",
            decision.Sequence,
            decision.BlockId,
            Miner = decision.MinerId,
            decision.DecisionCode,
            decision.Action,
            decision.Mode,
            decision.Trigger,
            ShortText = decision.Summary,
            decision.DecidedAt,
        }, JsonBody.Options);
        Broadcast(message);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.StreamInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            if (_clients.IsEmpty)
            {
                continue;
            }
            if (await TryTelemetryAsync() is { } snapshot)
            {
                Broadcast(snapshot);
            }
        }
    }

    /// <summary>A snapshot, or null when the site cannot be read now: a failing read never ends the stream or the silo.</summary>
    private async Task<byte[]?> TryTelemetryAsync()
    {
        try
        {
            return await TelemetryAsync();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            SiteSilent(logger, e.Message);
            return null;
        }
    }

    private async Task<byte[]> TelemetryAsync()
    {
        var site = await control.GetSiteAsync();
        return JsonSerializer.SerializeToUtf8Bytes(new
        {
            Type = "telemetry",
            site.Time,
            site.Autonomy,
            site.Flows,
            site.Miners,
            site.Override,
            site.Overrides,
            Health = site.Health.Status,
        }, JsonBody.Options);
    }

    private void Broadcast(byte[] message)
    {
        foreach (var queue in _clients.Values)
        {
            queue.Writer.TryWrite(message);
        }
    }

    /// <summary>Reads (and ignores) what the client sends, so its close is seen; ends the send loop when it closes.</summary>
    private static async Task DrainAsync(WebSocket socket, CancellationTokenSource closing)
    {
        var buffer = new byte[1024];
        try
        {
            while (!closing.IsCancellationRequested)
            {
                var received = await socket.ReceiveAsync(buffer, closing.Token);
                if (received.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException)
        {
            // the connection broke
        }
        await closing.CancelAsync();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "stream: the site did not answer ({Message})")]
    private static partial void SiteSilent(ILogger logger, string message);
}
