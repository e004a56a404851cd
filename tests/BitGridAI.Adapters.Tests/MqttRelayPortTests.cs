using BitGridAI.Adapters.Mqtt;
using BitGridAI.Grains.Abstractions.Ports;

namespace BitGridAI.Adapters.Tests;

/// <summary>
/// The MQTT relay port against mosquitto: a switch counts only when the plug reports the new state, never
/// on the broker's acknowledgement alone.
/// </summary>
public sealed class MqttRelayPortTests : IDisposable
{
    private const string Gen2 = "shellyplusplugs-a8032ab12345";
    private const string Gen1 = "shellyplug-s-7C87CE";
    private readonly Mosquitto _broker = new();

    private MqttRelayPort Port(TimeSpan? timeout = null) => new(new MqttRelayOptions
    {
        Port = _broker.Port,
        Timeout = timeout ?? TimeSpan.FromSeconds(3),
        Relays =
        [
            new MqttRelayDefinition { Id = "plug-1", Protocol = "shelly-gen2", Topic = Gen2 },
            new MqttRelayDefinition { Id = "plug-old", Protocol = "shelly-gen1", Topic = Gen1 },
        ],
    });

    [Fact]
    public async Task AGen2PlugThatReportsItsStatusConfirmsTheSwitch()
    {
        await using var plug = await TestPlug.StartAsync(_broker.Port, Gen2);
        await using var port = Port();
        var seen = await _broker.SubscribeAsync($"{Gen2}/rpc");

        await port.SwitchAsync("plug-1", on: false, CancellationToken.None);

        var line = await seen.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Contains("\"method\":\"Switch.Set\"", line, StringComparison.Ordinal);
        Assert.Contains("\"params\":{\"id\":0,\"on\":false}", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AGen2NotifyStatusEventConfirmsTheSwitch()
    {
        await using var plug = await TestPlug.StartAsync(_broker.Port, Gen2, PlugBehaviour.NotifiesStatus);
        await using var port = Port();

        await port.SwitchAsync("plug-1", on: false, CancellationToken.None);
        await port.SwitchAsync("plug-1", on: true, CancellationToken.None);
    }

    [Fact]
    public async Task AGen1PlugIsSwitchedWithItsPlainCommandAndConfirmedByItsRelayTopic()
    {
        await using var plug = await TestPlug.StartAsync(_broker.Port, Gen1);
        await using var port = Port();
        var seen = await _broker.SubscribeAsync("shellies/+/relay/0/command");

        await port.SwitchAsync("plug-old", on: false, CancellationToken.None);

        Assert.Equal($"shellies/{Gen1}/relay/0/command off", await seen.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task ASilentPlugLeavesTheSwitchUnconfirmedThoughTheBrokerTookTheCommand()
    {
        await using var port = Port(TimeSpan.FromSeconds(1));
        var seen = await _broker.SubscribeAsync($"{Gen2}/rpc");

        var error = await Assert.ThrowsAsync<DeviceUnreachableException>(() => port.SwitchAsync("plug-1", false, CancellationToken.None).AsTask());

        Assert.Equal("relay_unconfirmed", error.Kind);
        Assert.Equal("plug-1", error.DeviceId);
        Assert.Contains($"{Gen2}/status/switch:0", error.Message, StringComparison.Ordinal);
        Assert.Contains("Switch.Set", await seen.WaitAsync(TimeSpan.FromSeconds(10)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AStuckPlugThatReportsTheOldStateLeavesTheSwitchUnconfirmed()
    {
        await using var plug = await TestPlug.StartAsync(_broker.Port, Gen2, PlugBehaviour.Stuck);
        await using var port = Port(TimeSpan.FromSeconds(1));

        var error = await Assert.ThrowsAsync<DeviceUnreachableException>(() => port.SwitchAsync("plug-1", false, CancellationToken.None).AsTask());

        Assert.Equal("relay_unconfirmed", error.Kind);
    }

    [Fact]
    public async Task ARetainedStatusFromBeforeIsNoConfirmation()
    {
        // The plug said "off" once, retained, and then went offline: switching it off now is not confirmed by that.
        MosquittoPub.Publish(_broker.Port, $"{Gen2}/status/switch:0", "{\"id\":0,\"output\":false}", retain: true);
        MosquittoPub.Publish(_broker.Port, $"shellies/{Gen1}/relay/0", "off", retain: true);
        await using var port = Port(TimeSpan.FromSeconds(1));

        var gen2 = await Assert.ThrowsAsync<DeviceUnreachableException>(() => port.SwitchAsync("plug-1", false, CancellationToken.None).AsTask());
        var gen1 = await Assert.ThrowsAsync<DeviceUnreachableException>(() => port.SwitchAsync("plug-old", false, CancellationToken.None).AsTask());

        Assert.Equal("relay_unconfirmed", gen2.Kind);
        Assert.Equal("relay_unconfirmed", gen1.Kind);
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
        await using (var plug = await TestPlug.StartAsync(_broker.Port, Gen2))
        {
            await port.SwitchAsync("plug-1", false, CancellationToken.None);
        }
        _broker.Stop();
        _broker.Start();
        await using var back = await TestPlug.StartAsync(_broker.Port, Gen2);

        // The first attempt may find the old connection dead; a relay stop is retried by its caller.
        try
        {
            await port.SwitchAsync("plug-1", true, CancellationToken.None);
        }
        catch (DeviceUnreachableException)
        {
            await port.SwitchAsync("plug-1", true, CancellationToken.None);
        }
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
