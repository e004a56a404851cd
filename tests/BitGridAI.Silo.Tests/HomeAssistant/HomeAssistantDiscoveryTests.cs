using System.Text.Json;
using BitGridAI.Domain.Config;
using BitGridAI.Domain.Decisions;
using BitGridAI.Grains.Abstractions.Site;
using BitGridAI.Silo.Control;
using BitGridAI.Silo.HomeAssistant;

namespace BitGridAI.Silo.Tests.HomeAssistant;

/// <summary>What Home Assistant reads: discovery topics it accepts, unique ids, state text within its 255 characters.</summary>
public sealed class HomeAssistantDiscoveryTests
{
    private static readonly SiteDefinition Site = new("home",
        [
            new DeviceDefinition("pv", DeviceKind.PvInverter),
            new DeviceDefinition("miner.1", DeviceKind.Miner),
            new DeviceDefinition("miner_1", DeviceKind.Miner, Priority: 1),
        ],
        EngineConfig.Default, Autonomy.Full, Strategy.Surplus);

    [Fact]
    public void MinersWhoseIdsLookAlikeInTopicsStillGetTheirOwnEntities()
    {
        var options = new HomeAssistantOptions();
        var discovery = new HomeAssistantDiscovery(options, new HomeAssistantTopics(options), Site);

        var configs = discovery.Configs();

        var ids = configs.Select(c => JsonSerializer.Deserialize<JsonElement>(c.Payload).GetProperty("unique_id").GetString()).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.Equal(configs.Count, configs.Select(c => c.Topic).Distinct().Count());
        Assert.Equal(new Dictionary<string, string> { ["miner.1"] = "miner_1", ["miner_1"] = "miner_1_2" }, discovery.MinerIds);
        Assert.All(configs, c => Assert.Matches("^homeassistant/(sensor|binary_sensor|select|button)/bitgrid_home/[a-zA-Z0-9_-]+/config$", c.Topic));
    }

    [Fact]
    public void TheOverrideButtonsSayHowLongTheyHold()
    {
        var options = new HomeAssistantOptions { OverrideMinutes = 90 };

        var start = new HomeAssistantDiscovery(options, new HomeAssistantTopics(options), Site).Configs().Single(c => c.Topic.Contains("/override_start/", StringComparison.Ordinal));

        var json = JsonSerializer.Deserialize<JsonElement>(start.Payload);
        Assert.Equal("Override: start for 90 min", json.GetProperty("name").GetString());
        Assert.Equal(("bitgrid/home/ha/override/set", "START"), (json.GetProperty("command_topic").GetString(), json.GetProperty("payload_press").GetString()));
    }

    [Fact]
    public void ALongExplanationIsCutTo255CharactersAndKeptWholeAsAnAttribute()
    {
        var text = string.Concat(Enumerable.Repeat("Überschuss reicht nicht ☀️ ", 20));
        var options = new HomeAssistantOptions();
        var site = View(new DecisionSummary(1, "2026-06-21T12:00:00Z", "miner.1", "NOOP_R1_SURPLUS_LOW", "NOOP", null, "BLOCK_TICK", text, DateTimeOffset.UnixEpoch));

        var state = HomeAssistantStates.Of(site, new HomeAssistantTopics(options), HomeAssistantIds.ForMiners(["miner.1"])).Single(m => m.Topic == "bitgrid/home/ha/site");

        var json = JsonSerializer.Deserialize<JsonElement>(state.Payload);
        var shown = json.GetProperty("explanation").GetString()!;
        Assert.Equal(255, shown.Length);
        Assert.EndsWith("…", shown, StringComparison.Ordinal);
        Assert.Equal(text, json.GetProperty("decision").GetProperty("text").GetString());
        Assert.False(char.IsHighSurrogate(shown[^2]));
    }

    private static SiteView View(DecisionSummary last) => new(
        "home", DateTimeOffset.UnixEpoch, "FULL", "surplus", new FlowsView(null, null, null, null, null, null, null, null),
        [new MinerView("miner.1", null, "STOP", "STOP", 0, 40, 0, "ok", null, false, null, false, false, null, null, 0, 0)],
        [], null, [], last, new HealthView("ok", new Dictionary<string, string>()));
}
