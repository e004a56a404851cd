using System.Net;
using System.Net.Sockets;
using BitGridAI.Silo.Configuration;
using Microsoft.Extensions.Options;
using MQTTnet.Protocol;
using MQTTnet.Server;

namespace BitGridAI.Silo.Mqtt;

/// <summary>
/// The MQTT broker inside the silo (MQTTnet), so a standalone install needs no broker of its own.
/// Accounts and topic permissions come from <see cref="MqttBrokerAccess"/>: a device account publishes and
/// subscribes only on its own devices' topics. Payloads beyond <see cref="MqttBrokerOptions.MaxPacketBytes"/>
/// are refused and their sender disconnected. A taken port fails the start with a message that names both ways out.
/// </summary>
internal sealed class EmbeddedMqttBroker(IOptions<MqttBrokerOptions> options, MqttBrokerAccess? access = null) : IHostedService, IAsyncDisposable
{
    private const string AccountKey = "bitgrid.account";
    private MqttServer? _server;

    /// <summary>Publishes refused (not permitted, or too large), for tests and status pages.</summary>
    public long RefusedPublishes => Interlocked.Read(ref _refusedPublishes);

    private long _refusedPublishes;

    public int ClientCount { get; private set; }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!settings.Enabled)
        {
            return;
        }
        var factory = new MqttServerFactory();
        var serverOptions = factory.CreateServerOptionsBuilder()
            .WithDefaultEndpoint()
            .WithDefaultEndpointBoundIPAddress(IPAddress.Parse(settings.Host))
            .WithDefaultEndpointPort(settings.Port)
            .WithMaxPendingMessagesPerClient(settings.MaxPendingMessagesPerClient)
            .Build();
        _server = factory.CreateMqttServer(serverOptions);
        var accounts = access ?? MqttBrokerAccess.Open(settings);
        _server.ValidatingConnectionAsync += e =>
        {
            if (accounts.Authenticate(e.UserName, e.Password) is { } account)
            {
                e.SessionItems[AccountKey] = account;
            }
            else
            {
                e.ReasonCode = MqttConnectReasonCode.BadUserNameOrPassword;
            }
            return Task.CompletedTask;
        };
        _server.InterceptingPublishAsync += async e =>
        {
            if (string.IsNullOrEmpty(e.ClientId))
            {
                return; // injected by the silo itself
            }
            var account = e.SessionItems[AccountKey] as string;
            if (e.ApplicationMessage.Payload.Length > settings.MaxPacketBytes)
            {
                e.ProcessPublish = false;
                e.Response.ReasonCode = MQTTnet.Protocol.MqttPubAckReasonCode.QuotaExceeded;
                Interlocked.Increment(ref _refusedPublishes);
                // Whoever sends oversized payloads is not a device speaking our protocol: it loses its connection.
                await _server.DisconnectClientAsync(e.ClientId, new MqttServerClientDisconnectOptions { ReasonCode = MqttDisconnectReasonCode.PacketTooLarge });
            }
            else if (!accounts.Allows(account, e.ApplicationMessage.Topic))
            {
                e.ProcessPublish = false;
                e.Response.ReasonCode = MQTTnet.Protocol.MqttPubAckReasonCode.NotAuthorized;
                Interlocked.Increment(ref _refusedPublishes);
            }
        };
        _server.InterceptingSubscriptionAsync += e =>
        {
            if (!accounts.Allows(e.SessionItems[AccountKey] as string, e.TopicFilter.Topic))
            {
                e.ProcessSubscription = false;
                e.Response.ReasonCode = MqttSubscribeReasonCode.NotAuthorized;
            }
            return Task.CompletedTask;
        };
        _server.ClientConnectedAsync += _ =>
        {
            ClientCount++;
            return Task.CompletedTask;
        };
        _server.ClientDisconnectedAsync += _ =>
        {
            ClientCount--;
            return Task.CompletedTask;
        };
        try
        {
            await _server.StartAsync();
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            throw new StartupException(
                $"Mqtt:Port: {settings.Host}:{settings.Port} is already in use (another MQTT broker, such as mosquitto?). " +
                "Set Mqtt:Port to a free port (--Mqtt:Port=1884), or Mqtt:Enabled=false to use the existing broker.");
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_server is { IsStarted: true })
        {
            await _server.StopAsync();
        }
    }

    public ValueTask DisposeAsync()
    {
        _server?.Dispose();
        return ValueTask.CompletedTask;
    }
}
