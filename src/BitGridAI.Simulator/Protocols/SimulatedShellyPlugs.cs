using System.Text.Json.Nodes;
using System.Text.Json;
using BitGridAI.Grains.Abstractions.Ports;
using MQTTnet;
using MQTTnet.Exceptions;

namespace BitGridAI.Simulator.Protocols;

/// <summary>
/// Each miner's relay as a Shelly plug on an MQTT broker, topic prefix = relay id. Gen2: an RPC on
/// <c>{relay}/rpc</c> (<c>Switch.Set</c> with <c>params.on</c>, <c>Switch.GetStatus</c>) is answered on
/// <c>{src}/rpc</c> as Shelly does (<c>result.was_on</c>), and the switch state is published on
/// <c>{relay}/status/switch:0</c>. Gen1: <c>on</c>/<c>off</c>/<c>toggle</c> on
/// <c>shellies/{relay}/relay/0/command</c>, state on <c>shellies/{relay}/relay/0</c>. Switching opens or
/// closes the relay in the site: the miner loses or regains power. The plugs (re)connect on their own
/// (<see cref="SimulatorMqttLink"/>), so the broker may start after them or restart.
/// </summary>
internal sealed class SimulatedShellyPlugs : IAsyncDisposable
{
    private readonly SimulatedSite _site;
    private readonly Dictionary<string, string> _minerOfRelay;
    private readonly SimulatorMqttLink _link;

    private SimulatedShellyPlugs(SimulatedSite site, SimulatedSiteOptions options)
    {
        _site = site;
        _minerOfRelay = options.Miners.Where(m => !string.IsNullOrEmpty(m.RelayId)).DistinctBy(m => m.RelayId).ToDictionary(m => m.RelayId!, m => m.Id, StringComparer.Ordinal);
        _link = new SimulatorMqttLink(options.Protocols, site.Time, "bitgrid-sim-plugs", AnnounceAsync);
        _link.Client.ApplicationMessageReceivedAsync += OnMessageAsync;
        _link.Start();
    }

    public static SimulatedShellyPlugs Start(SimulatedSite site, SimulatedSiteOptions options) => new(site, options);

    public ValueTask DisposeAsync() => _link.DisposeAsync();

    /// <summary>After each connect: listen for commands and say what every plug is doing.</summary>
    private async Task AnnounceAsync()
    {
        await _link.SubscribeAsync(_minerOfRelay.Keys.SelectMany(relay => new[] { $"{relay}/rpc", $"shellies/{relay}/relay/0/command" }));
        foreach (var relay in _minerOfRelay.Keys)
        {
            await PublishStateAsync(relay);
        }
    }

    private async Task OnMessageAsync(MqttApplicationMessageReceivedEventArgs e)
    {
        var topic = e.ApplicationMessage.Topic;
        var payload = e.ApplicationMessage.ConvertPayloadToString();
        try
        {
            if (topic.EndsWith("/rpc", StringComparison.Ordinal) && _minerOfRelay.ContainsKey(topic[..^4]))
            {
                await AnswerRpcAsync(topic[..^4], payload);
            }
            else if (topic.StartsWith("shellies/", StringComparison.Ordinal) && topic.EndsWith("/relay/0/command", StringComparison.Ordinal))
            {
                var relay = topic["shellies/".Length..^"/relay/0/command".Length];
                if (_minerOfRelay.ContainsKey(relay) && payload is "on" or "off" or "toggle")
                {
                    await SwitchAsync(relay, payload == "toggle" ? !IsOn(relay) : payload == "on");
                }
            }
        }
        catch (Exception ex) when (ex is MqttCommunicationException or OperationCanceledException or DeviceUnreachableException)
        {
            // The broker went away mid-answer: the command is lost as it would be on a real plug.
        }
        catch (Exception ex) when (ex is InvalidOperationException or FormatException)
        {
            // A field of the wrong type (e.g. "on":"yes"): a real plug ignores such a request too.
        }
    }

    /// <summary>Shelly Gen2 RPC: the answer goes to <c>{src}/rpc</c> with the request's id.</summary>
    private async Task AnswerRpcAsync(string relay, string payload)
    {
        JsonNode? request;
        try
        {
            request = JsonNode.Parse(payload);
        }
        catch (JsonException)
        {
            return; // a real plug ignores what it cannot parse
        }
        var source = request?["src"]?.GetValue<string>();
        var reply = new JsonObject { ["id"] = request?["id"]?.DeepClone(), ["src"] = relay, ["dst"] = source };
        var method = request?["method"]?.GetValue<string>();
        var channel = request?["params"]?["id"]?.GetValue<int>() ?? 0;
        if (channel != 0 && method is "Switch.Set" or "Switch.GetStatus")
        {
            reply["error"] = new JsonObject { ["code"] = -105, ["message"] = $"Argument 'id', value {channel} not found!" };
        }
        else if (method == "Switch.Set" && request?["params"]?["on"]?.GetValue<bool>() is { } on)
        {
            var wasOn = IsOn(relay);
            await SwitchAsync(relay, on);
            reply["result"] = new JsonObject { ["was_on"] = wasOn };
        }
        else if (method == "Switch.GetStatus")
        {
            reply["result"] = Status(relay);
        }
        else
        {
            reply["error"] = new JsonObject { ["code"] = 404, ["message"] = $"No handler for {method}" };
        }
        if (!string.IsNullOrEmpty(source))
        {
            await PublishAsync($"{source}/rpc", reply.ToJsonString());
        }
    }

    private async Task SwitchAsync(string relay, bool on)
    {
        await _site.SwitchAsync(relay, on, _link.Stopping);
        await PublishStateAsync(relay);
    }

    private async Task PublishStateAsync(string relay)
    {
        await PublishAsync($"{relay}/status/switch:0", Status(relay).ToJsonString());
        await PublishAsync($"shellies/{relay}/relay/0", IsOn(relay) ? "on" : "off");
    }

    private bool IsOn(string relay) => _site.ReadMinerNow(_minerOfRelay[relay]).Powered;

    private JsonObject Status(string relay)
    {
        var miner = _site.ReadMinerNow(_minerOfRelay[relay]);
        return new JsonObject { ["id"] = 0, ["source"] = "MQTT", ["output"] = miner.Powered, ["apower"] = Math.Round(miner.PowerW, 1), ["voltage"] = 230.0 };
    }

    private Task PublishAsync(string topic, string payload) => _link.PublishAsync(topic, payload);
}
