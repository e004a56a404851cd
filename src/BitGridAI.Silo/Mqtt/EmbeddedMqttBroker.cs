using System.Net;
using System.Net.Sockets;
using BitGridAI.Silo.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using MQTTnet.Protocol;
using MQTTnet.Server;

namespace BitGridAI.Silo.Mqtt;

/// <summary>
/// The MQTT broker inside the silo (MQTTnet), so a standalone install needs no broker of its own.
/// A taken port fails the start with a message that names both ways out.
/// </summary>
internal sealed class EmbeddedMqttBroker(IOptions<MqttBrokerOptions> options) : IHostedService, IAsyncDisposable
{
    private MqttServer? _server;

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
        _server.ValidatingConnectionAsync += e =>
        {
            if (!string.IsNullOrEmpty(settings.Username)
                && (e.UserName != settings.Username || e.Password != settings.Password))
            {
                e.ReasonCode = MqttConnectReasonCode.BadUserNameOrPassword;
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
