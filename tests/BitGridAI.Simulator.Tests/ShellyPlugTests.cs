using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using BitGridAI.Adapters.Miners;
using BitGridAI.Adapters.Mqtt;
using BitGridAI.Adapters.Tests;
using MQTTnet;
using MQTTnet.Formatter;

namespace BitGridAI.Simulator.Tests;

/// <summary>
/// The miners' relays as simulated Shelly Gen2 plugs on a real mosquitto broker, switched by BitGridAI's
/// MQTT relay port; the RPC answers are read by a plain MQTTnet subscriber.
/// </summary>
public sealed class ShellyPlugTests : IAsyncLifetime, IDisposable
{
    private readonly Mosquitto _broker = new();
    private readonly ConcurrentQueue<(string Topic, string Payload)> _seen = new();
    private readonly IMqttClient _listener = new MqttClientFactory().CreateMqttClient();
    private SimulatorHarness _sim = null!;
    private MqttRelayPort _relays = null!;

    public async Task InitializeAsync()
    {
        var options = SimulatorHarness.DefaultOptions();
        options.Protocols.ShellyPlugs = true;
        options.Protocols.MqttPort = _broker.Port;
        _sim = await SimulatorHarness.StartAsync(options);
        var relayOptions = new MqttRelayOptions { Port = _broker.Port };
        relayOptions.Relays.Add(new MqttRelayDefinition { Id = "plug-1", Topic = "plug-1" });
        _relays = new MqttRelayPort(relayOptions);
        _listener.ApplicationMessageReceivedAsync += e =>
        {
            _seen.Enqueue((e.ApplicationMessage.Topic, e.ApplicationMessage.ConvertPayloadToString()));
            return Task.CompletedTask;
        };
        await _listener.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", _broker.Port).WithClientId("sim-test-listener").WithProtocolVersion(MqttProtocolVersion.V500).Build());
        await _listener.SubscribeAsync(new MqttClientSubscribeOptionsBuilder().WithTopicFilter("bitgrid/rpc").Build());
    }

    public async Task DisposeAsync()
    {
        await _relays.DisposeAsync();
        await _sim.DisposeAsync();
    }

    public void Dispose()
    {
        _listener.Dispose();
        _broker.Dispose();
    }

    [Fact]
    public async Task SwitchSetOverMqttCutsAndRestoresTheMinersPower()
    {
        var api = new CgminerClient("127.0.0.1", _sim.Servers.ApiPortOf(SimulatorHarness.Avalon), TimeSpan.FromSeconds(2));

        await SwitchUntilAsync(on: false);

        var refused = await Assert.ThrowsAsync<MinerApiException>(() => api.ReadAsync());
        Assert.Contains("refused", refused.Message, StringComparison.OrdinalIgnoreCase);
        var answer = await AnswerAsync(a => a.GetProperty("result").GetProperty("was_on").GetBoolean());
        Assert.Equal("plug-1", answer.GetProperty("src").GetString());
        Assert.Equal("bitgrid", answer.GetProperty("dst").GetString());

        await SwitchUntilAsync(on: true);

        Assert.Equal(0, (await api.ReadAsync()).PowerW);
        Assert.False((await AnswerAsync(a => !a.GetProperty("result").GetProperty("was_on").GetBoolean())).GetProperty("result").GetProperty("was_on").GetBoolean());
    }

    [Fact]
    public async Task ThePlugsReconnectWhenTheBrokerRestarts()
    {
        await SwitchUntilAsync(on: false);

        _broker.Stop();
        _broker.Start();

        await SwitchUntilAsync(on: true);
    }

    [Fact]
    public async Task AGen1CommandSwitchesThePlugToo()
    {
        var gen1 = new MqttRelayOptions { Port = _broker.Port };
        gen1.Relays.Add(new MqttRelayDefinition { Id = "plug-2", Topic = "plug-2", Protocol = "shelly-gen1" });
        await using var relays = new MqttRelayPort(gen1);
        var deadline = Stopwatch.StartNew();

        while (_sim.Site.ReadMinerNow(SimulatorHarness.Bitaxe).Powered)
        {
            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(20), "the simulated Gen1 plug did not switch off");
            try
            {
                await relays.SwitchAsync("plug-2", on: false, CancellationToken.None);
            }
            catch (BitGridAI.Grains.Abstractions.Ports.DeviceUnreachableException)
            {
                // the plug had not subscribed yet: it never saw the command, so it never reported
            }
            await WaitAsync(() => !_sim.Site.ReadMinerNow(SimulatorHarness.Bitaxe).Powered, TimeSpan.FromMilliseconds(300));
        }

        Assert.True(_sim.Site.ReadMinerNow(SimulatorHarness.Avalon).Powered); // only its own miner
    }

    [Fact]
    public async Task ASwitchThatReturnsHasAlreadyCutTheMinersPower()
    {
        await SwitchUntilAsync(on: true);

        // No waiting after the call: it returns only once the plug has reported the relay open.
        await _relays.SwitchAsync("plug-1", on: false, CancellationToken.None);

        Assert.False(_sim.Site.ReadMinerNow(SimulatorHarness.Avalon).Powered);
    }

    /// <summary>
    /// Switches until the site shows it: the plugs subscribe (and resubscribe after a broker restart) on their
    /// own schedule, and a command published before that reaches nobody, as with a real plug.
    /// </summary>
    private async Task SwitchUntilAsync(bool on)
    {
        var deadline = Stopwatch.StartNew();
        while (_sim.Site.ReadMinerNow(SimulatorHarness.Avalon).Powered != on)
        {
            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(20), $"the simulated plug did not switch {(on ? "on" : "off")}");
            try
            {
                await _relays.SwitchAsync("plug-1", on, CancellationToken.None);
            }
            catch (BitGridAI.Grains.Abstractions.Ports.DeviceUnreachableException)
            {
                // the broker is still starting
            }
            await WaitAsync(() => _sim.Site.ReadMinerNow(SimulatorHarness.Avalon).Powered == on, TimeSpan.FromMilliseconds(300));
            _sim.Clock.Advance(TimeSpan.FromSeconds(2)); // the plugs' reconnect check runs on the site clock
        }
    }

    private async Task<JsonElement> AnswerAsync(Func<JsonElement, bool> match)
    {
        JsonElement? found = null;
        await WaitAsync(
            () =>
            {
                foreach (var (_, payload) in _seen)
                {
                    var answer = JsonDocument.Parse(payload).RootElement;
                    if (answer.TryGetProperty("result", out _) && match(answer))
                    {
                        found = answer;
                        return true;
                    }
                }
                return false;
            },
            TimeSpan.FromSeconds(5));
        return found ?? throw new Xunit.Sdk.XunitException($"no matching answer on bitgrid/rpc; seen: {string.Join(" | ", _seen.Select(s => s.Payload))}");
    }

    private static async Task WaitAsync(Func<bool> condition, TimeSpan limit)
    {
        var watch = Stopwatch.StartNew();
        while (!condition() && watch.Elapsed < limit)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(10)); // polling the condition, not waiting for time to pass
        }
    }
}
