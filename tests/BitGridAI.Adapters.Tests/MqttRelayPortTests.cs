using BitGridAI.Adapters.Mqtt;
using BitGridAI.Grains.Abstractions.Ports;

namespace BitGridAI.Adapters.Tests;

public sealed class MqttRelayPortTests : IDisposable
{
    private readonly Mosquitto _broker = new();

    private MqttRelayPort Port(TimeSpan? timeout = null) => new(new MqttRelayOptions
    {
        Port = _broker.Port,
        Timeout = timeout ?? TimeSpan.FromSeconds(3),
        Relays =
        [
            new MqttRelayDefinition { Id = "plug-1", Protocol = "shelly-gen2", Topic = "shellyplusplugs-a8032ab12345" },
            new MqttRelayDefinition { Id = "plug-old", Protocol = "shelly-gen1", Topic = "shellyplug-s-7C87CE" },
        ],
    });

    [Fact]
    public async Task AGen2PlugIsSwitchedOffWithASwitchSetCallThatAnotherClientSees()
    {
        await using var port = Port();
        var seen = await _broker.SubscribeAsync("shellyplusplugs-a8032ab12345/rpc");

        await port.SwitchAsync("plug-1", on: false, CancellationToken.None);

        var line = await seen.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.StartsWith("shellyplusplugs-a8032ab12345/rpc {", line, StringComparison.Ordinal);
        Assert.Contains("\"method\":\"Switch.Set\"", line, StringComparison.Ordinal);
        Assert.Contains("\"params\":{\"id\":0,\"on\":false}", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AGen1PlugIsSwitchedOnWithItsPlainCommandTopic()
    {
        await using var port = Port();
        var seen = await _broker.SubscribeAsync("shellies/#");

        await port.SwitchAsync("plug-old", on: true, CancellationToken.None);

        Assert.Equal("shellies/shellyplug-s-7C87CE/relay/0/command on", await seen.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task ABrokerThatIsDownMakesTheRelayUnreachableWithinTheTimeout()
    {
        await using var port = Port(TimeSpan.FromSeconds(1));
        _broker.Stop();

        var error = await Assert.ThrowsAsync<DeviceUnreachableException>(() => port.SwitchAsync("plug-1", false, CancellationToken.None).AsTask());

        Assert.Equal("plug-1", error.DeviceId);
        Assert.Contains($"127.0.0.1:{_broker.Port}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheRelayPortReconnectsAfterTheBrokerRestarts()
    {
        await using var port = Port();
        await port.SwitchAsync("plug-1", false, CancellationToken.None);
        _broker.Stop();
        _broker.Start();
        var seen = await _broker.SubscribeAsync("shellyplusplugs-a8032ab12345/rpc");

        // The first attempt may find the old connection dead; a relay stop is retried by its caller.
        try
        {
            await port.SwitchAsync("plug-1", true, CancellationToken.None);
        }
        catch (DeviceUnreachableException)
        {
            await port.SwitchAsync("plug-1", true, CancellationToken.None);
        }

        Assert.Contains("\"on\":true", await seen.WaitAsync(TimeSpan.FromSeconds(10)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnknownRelayIsNamedNotSwitched()
    {
        await using var port = Port();

        var error = await Assert.ThrowsAsync<DeviceUnreachableException>(() => port.SwitchAsync("plug-9", false, CancellationToken.None).AsTask());

        Assert.Contains("plug-9", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _broker.Dispose();
}
