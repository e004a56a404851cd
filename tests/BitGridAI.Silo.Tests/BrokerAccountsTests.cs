using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using BitGridAI.Silo.Configuration;
using BitGridAI.Silo.Mqtt;
using Microsoft.Extensions.Options;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace BitGridAI.Silo.Tests;

/// <summary>
/// The embedded broker with a silo account and a device account: the device publishes only its own topics,
/// oversized packets are refused, and what is refused never reaches the silo's subscriber (the telemetry adapter's seat).
/// </summary>
#pragma warning disable CA1001 // disposed in IAsyncLifetime.DisposeAsync, which xUnit calls after each test
public sealed class BrokerAccountsTests : IAsyncLifetime
#pragma warning restore CA1001
{
    private const string Own = "bitgrid/home/devices/pv-1/telemetry";
    private const string Other = "bitgrid/home/devices/meter-1/telemetry";
    private readonly int _port = SiloProcess.FreePort();
    private readonly ConcurrentQueue<string> _seen = new();
    private readonly IMqttClient _silo = new MqttClientFactory().CreateMqttClient();
    private EmbeddedMqttBroker _broker = null!;

    public async Task InitializeAsync()
    {
        var options = new MqttBrokerOptions
        {
            Port = _port,
            Username = "bitgrid",
            Password = "silo-secret-long-enough",
            MaxPacketBytes = 4096,
            Accounts = [new MqttBrokerAccount { Username = "pv", Password = "pv-secret", Devices = ["pv-1"] }],
        };
        var access = new MqttBrokerAccess(options, id => [$"bitgrid/home/devices/{id}/#"]);
        _broker = new EmbeddedMqttBroker(Options.Create(options), access);
        await _broker.StartAsync(CancellationToken.None);
        _silo.ApplicationMessageReceivedAsync += e =>
        {
            _seen.Enqueue($"{e.ApplicationMessage.Topic} {e.ApplicationMessage.ConvertPayloadToString()}");
            return Task.CompletedTask;
        };
        await _silo.ConnectAsync(Connect("silo-telemetry", "bitgrid", "silo-secret-long-enough"));
        await _silo.SubscribeAsync(new MqttClientSubscribeOptionsBuilder().WithTopicFilter("bitgrid/home/devices/#").Build());
    }

    public async Task DisposeAsync()
    {
        await _silo.DisconnectAsync();
        _silo.Dispose();
        await _broker.StopAsync(CancellationToken.None);
        await _broker.DisposeAsync();
    }

    [Fact]
    public async Task ADeviceAccountCannotPublishAnotherDevicesTelemetry()
    {
        using var pv = new MqttClientFactory().CreateMqttClient();
        await pv.ConnectAsync(Connect("pv-1", "pv", "pv-secret"));

        var forged = await pv.PublishAsync(Message(Other, """{"grid_import_w":0}"""));
        MosquittoPub("pv", "pv-secret", Own, """{"pv_power_w":4200}""");

        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, forged.ReasonCode);
        // Messages from one broker arrive in order: once the later, own message is in, the forged one would have been too.
        Assert.Equal([$"{Own} {{\"pv_power_w\":4200}}"], await SeenAsync(1));
    }

    [Fact]
    public async Task ADeviceAccountCannotSubscribeToOtherDevicesTopics()
    {
        using var pv = new MqttClientFactory().CreateMqttClient();
        await pv.ConnectAsync(Connect("pv-1", "pv", "pv-secret"));

        var result = await pv.SubscribeAsync(new MqttClientSubscribeOptionsBuilder().WithTopicFilter("bitgrid/home/#").WithTopicFilter($"{Own}").Build());

        Assert.Equal([MqttClientSubscribeResultCode.NotAuthorized, MqttClientSubscribeResultCode.GrantedQoS0], result.Items.Select(i => i.ResultCode));
    }

    [Fact]
    public async Task AnOversizedPacketIsRefusedAndNeverDelivered()
    {
        using var pv = new MqttClientFactory().CreateMqttClient();
        await pv.ConnectAsync(Connect("pv-1", "pv", "pv-secret"));

        try
        {
            await pv.PublishAsync(Message(Own, "{\"pv_power_w\":" + new string('1', 8000) + "}"));
        }
        catch (MQTTnet.Exceptions.MqttCommunicationException)
        {
            // the broker disconnects whoever sends oversized payloads, perhaps before the acknowledgement
        }
        MosquittoPub("bitgrid", "silo-secret-long-enough", Own, """{"pv_power_w":1}""");

        Assert.Equal([$"{Own} {{\"pv_power_w\":1}}"], await SeenAsync(1));
        Assert.Equal(1, _broker.RefusedPublishes);
    }

    [Theory]
    [InlineData("pv", "pv-secreT")]
    [InlineData("bitgrid", "pv-secret")]
    [InlineData("nobody", "")]
    public async Task AWrongPasswordIsRefused(string user, string password)
    {
        using var client = new MqttClientFactory().CreateMqttClient();

        var result = await client.ConnectAsync(Connect("guess", user, password));

        Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword, result.ResultCode);
    }

    private MqttClientOptions Connect(string id, string user, string password) => new MqttClientOptionsBuilder()
        .WithTcpServer("127.0.0.1", _port).WithClientId(id).WithCredentials(user, password).WithProtocolVersion(MqttProtocolVersion.V500).Build();

    private static MqttApplicationMessage Message(string topic, string payload) =>
        new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build();

    /// <summary>mosquitto_pub as the independent device: a real client logging in with the account.</summary>
    private void MosquittoPub(string user, string password, string topic, string payload)
    {
        using var pub = Process.Start(new ProcessStartInfo("mosquitto_pub",
            ["-h", "127.0.0.1", "-p", _port.ToString(CultureInfo.InvariantCulture), "-i", "pub-" + Guid.NewGuid().ToString("N")[..8], "-u", user, "-P", password, "-q", "1", "-t", topic, "-m", payload])
        {
            RedirectStandardError = true,
        })!;
        Assert.True(pub.WaitForExit(10_000) && pub.ExitCode == 0, $"mosquitto_pub failed: {pub.StandardError.ReadToEnd()}");
    }

    private async Task<string[]> SeenAsync(int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (_seen.Count < count && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }
        return [.. _seen];
    }
}
