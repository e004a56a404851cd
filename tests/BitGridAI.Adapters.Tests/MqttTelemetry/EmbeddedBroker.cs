using System.Net;
using MQTTnet.Server;

namespace BitGridAI.Adapters.Tests;

/// <summary>MQTTnet's broker (the one the silo embeds) on a free loopback port.</summary>
internal sealed class EmbeddedBroker : ITestBroker
{
    private MqttServer? _server;

    public EmbeddedBroker()
    {
        Port = PeerProcess.FreePort();
        Start();
    }

    public int Port { get; }

    public void Start()
    {
        var factory = new MqttServerFactory();
        var options = factory.CreateServerOptionsBuilder()
            .WithDefaultEndpoint()
            .WithDefaultEndpointBoundIPAddress(IPAddress.Loopback)
            .WithDefaultEndpointPort(Port)
            .WithDefaultEndpointReuseAddress()
            .Build();
        _server = factory.CreateMqttServer(options);
        _server.StartAsync().GetAwaiter().GetResult();
    }

    public void Stop()
    {
        if (_server is { } server)
        {
            server.StopAsync().GetAwaiter().GetResult();
            server.Dispose();
            _server = null;
        }
    }

    public void Dispose() => Stop();

    public override string ToString() => "MQTTnet broker";
}
