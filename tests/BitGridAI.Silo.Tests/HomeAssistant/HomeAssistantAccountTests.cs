using BitGridAI.Silo.Configuration;
using BitGridAI.Silo.HomeAssistant;
using BitGridAI.Silo.Mqtt;
using Microsoft.Extensions.Options;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace BitGridAI.Silo.Tests.HomeAssistant;

/// <summary>Home Assistant's account on the embedded broker reaches its own topics and nothing of the devices'; the device accounts keep theirs.</summary>
public sealed class HomeAssistantAccountTests
{
    [Fact]
    public async Task HomeAssistantsAccountIsLimitedToDiscoveryAndItsStateTopics()
    {
        var port = SiloProcess.FreePort();
        var mqtt = new MqttBrokerOptions
        {
            Port = port,
            Username = "bitgrid",
            Password = "silo-secret-long-enough",
            Accounts = [new MqttBrokerAccount { Username = "pv", Password = "pv-secret", Devices = ["pv-1"] }],
        };
        var devices = new MqttBrokerAccess(mqtt, id => [$"bitgrid/home/devices/{id}/#"]);
        var access = HomeAssistantBrokerAccount.Add(devices, mqtt, new HomeAssistantAccount { Username = "homeassistant", Password = "ha-secret" },
            ["homeassistant/#", "bitgrid/home/ha/#"]);
        var broker = new EmbeddedMqttBroker(Options.Create(mqtt), access);
        await broker.StartAsync(CancellationToken.None);
        try
        {
            await using var ha = await FakeHomeAssistant.ConnectAsync(port, "homeassistant", "ha-secret",
                "homeassistant/#", "bitgrid/home/ha/#", "bitgrid/home/devices/#", "bitgrid/#");
            var forged = await ha.PublishAsync("bitgrid/home/devices/pv-1/telemetry", """{"pv_power_w":9000}""");
            var pressed = await ha.PublishAsync("bitgrid/home/ha/emergency_stop/set", "PRESS");

            Assert.Equal(
                [MqttClientSubscribeResultCode.GrantedQoS1, MqttClientSubscribeResultCode.GrantedQoS1, MqttClientSubscribeResultCode.NotAuthorized, MqttClientSubscribeResultCode.NotAuthorized],
                ha.LastSubscription.Items.Select(i => i.ResultCode));
            Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, forged.ReasonCode);
            Assert.True(pressed.IsSuccess);
            Assert.Equal(["bitgrid/home/devices/pv-1/#"], access.FiltersOf("pv"));
            Assert.Null(access.Authenticate("homeassistant", "wrong"));
            using var pv = new MqttClientFactory().CreateMqttClient();
            var login = await pv.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port).WithClientId("pv-1")
                .WithCredentials("pv", "pv-secret").WithProtocolVersion(MqttProtocolVersion.V500).Build());
            Assert.Equal(MqttClientConnectResultCode.Success, login.ResultCode);
            Assert.Equal(MqttClientPublishReasonCode.NotAuthorized,
                (await pv.PublishAsync(new MqttApplicationMessageBuilder().WithTopic("bitgrid/home/ha/emergency_stop/set").WithPayload("PRESS")
                    .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build())).ReasonCode);
        }
        finally
        {
            await broker.StopAsync(CancellationToken.None);
            await broker.DisposeAsync();
        }
    }
}
