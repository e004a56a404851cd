using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;
using BitGridAI.Grains.Abstractions.Recording;
using BitGridAI.Storage;
using BitGridAI.Storage.EventLog;

namespace BitGridAI.Silo.Tests.HomeAssistant;

/// <summary>
/// The real silo with its embedded broker and an MQTT client in Home Assistant's seat: the discovery arrives, the
/// states move, the autonomy select and the emergency-stop button act (checked through the HTTP API), bad payloads
/// change nothing, and every command is in the event log.
/// </summary>
public sealed partial class HomeAssistantBridgeTests : IDisposable
{
    private const string Prefix = "bitgrid/home/ha";
    private readonly string _dataDir = Directory.CreateTempSubdirectory("bitgrid-ha-").FullName;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dataDir, recursive: true);
    }

    [Fact]
    public async Task HomeAssistantDiscoversTheSiteWatchesItAndControlsItThroughTheBroker()
    {
        await using var silo = SiloProcess.Start(_dataDir);
        await silo.WaitForAsync(s => s.Lines.Concat(s.Errors).Any(l => l.Contains("Home Assistant: connected", StringComparison.Ordinal)), TimeSpan.FromSeconds(60), "the bridge's connect");
        var token = silo.Lines.First(l => l.StartsWith("admin token: ", StringComparison.Ordinal))["admin token: ".Length..];
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{silo.ApiPort}") };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        await using var ha = await FakeHomeAssistant.ConnectAsync(silo.MqttPort);

        await ha.WaitForAsync(h => Configs(h).Count >= 17 && h.Latest.ContainsKey($"{Prefix}/miners/miner-1"), TimeSpan.FromSeconds(60), "the discovery and the states");
        var configs = Configs(ha);
        Assert.All(configs, c => Assert.Matches(ConfigTopic(), c.Topic));
        await using (var late = await FakeHomeAssistant.ConnectAsync(silo.MqttPort))
        {
            // A subscriber that comes later (Home Assistant after a restart) gets them all from the broker, retained.
            await late.WaitForAsync(h => Configs(h).Count == configs.Count, TimeSpan.FromSeconds(10), "the retained discovery");
            Assert.All(Configs(late), c => Assert.True(c.Retained, $"{c.Topic} is retained"));
        }
        var parsed = configs.Select(c => (c.Topic, Json: Json(c.Payload))).ToList();
        Assert.Equal(parsed.Count, parsed.Select(c => c.Json.GetProperty("unique_id").GetString()).Distinct().Count());
        Assert.All(parsed, c =>
        {
            Assert.Equal($"{Prefix}/availability", c.Json.GetProperty("availability_topic").GetString());
            Assert.NotEmpty(c.Json.GetProperty("device").GetProperty("identifiers").EnumerateArray());
        });
        var entities = parsed.Select(c => ConfigTopic().Match(c.Topic)).Select(m => $"{m.Groups[1].Value}/{m.Groups[3].Value}").ToHashSet();
        Assert.Superset(new HashSet<string>
        {
            "sensor/decision_code", "sensor/explanation", "sensor/surplus", "select/autonomy",
            "button/override_start", "button/override_throttle", "button/override_stop", "button/override_clear",
            "button/emergency_stop", "button/emergency_stop_ack",
            "sensor/miner-1_state", "sensor/miner-1_power", "sensor/miner-1_temperature", "sensor/miner-1_health",
            "binary_sensor/miner-1_emergency_stop", "binary_sensor/miner-1_lockout",
        }, entities);
        Assert.Equal("online", ha.Latest[$"{Prefix}/availability"].Payload);
        var autonomy = parsed.Single(c => c.Topic.EndsWith("/autonomy/config", StringComparison.Ordinal)).Json;
        Assert.Equal(["FULL", "SEMI", "MANUAL"], autonomy.GetProperty("options").EnumerateArray().Select(o => o.GetString()));

        // The states move with the site: each block's decision shows.
        await ha.WaitForAsync(h => BlockOf(h) is not null, TimeSpan.FromSeconds(60), "a decision");
        var firstBlock = BlockOf(ha);
        await ha.WaitForAsync(h => BlockOf(h) is { } block && block != firstBlock, TimeSpan.FromSeconds(60), "a later decision");
        Assert.True(Site(ha).GetProperty("explanation").GetString()!.Length is > 0 and <= 255);

        // Bad payloads change nothing, and each is refused with a log line.
        await ha.PublishAsync($"{Prefix}/autonomy/set", "manual");
        await ha.PublishAsync($"{Prefix}/autonomy/set", [0xff, 0xfe, 0x00, 0x4d]);
        await ha.PublishAsync($"{Prefix}/autonomy/set", new string('M', 10_000));
        await ha.PublishAsync($"{Prefix}/override/set", "START ");
        await ha.PublishAsync($"{Prefix}/emergency_stop/set", "{\"press\":true}");
        await silo.WaitForAsync(s => Refusals(s) >= 5, TimeSpan.FromSeconds(30), "five refusals in the log");
        Assert.Equal("FULL", await AutonomyAsync(http));
        var site = await SiteAsync(http);
        Assert.False(site.GetProperty("miners")[0].GetProperty("emergency_stop").GetBoolean());
        Assert.Equal(JsonValueKind.Null, site.GetProperty("override").ValueKind);

        // The autonomy select.
        await ha.PublishAsync($"{Prefix}/autonomy/set", "MANUAL");
        await WaitAsync(async () => await AutonomyAsync(http) == "MANUAL", "autonomy MANUAL in the API");
        await ha.WaitForAsync(h => Site(h).GetProperty("autonomy").GetString() == "MANUAL", TimeSpan.FromSeconds(30), "autonomy MANUAL in Home Assistant");

        // The emergency-stop button stops the miner.
        await ha.PublishAsync($"{Prefix}/emergency_stop/set", "PRESS");
        await WaitAsync(async () => (await SiteAsync(http)).GetProperty("miners")[0].GetProperty("emergency_stop").GetBoolean(), "miners[0].emergency_stop in the API");
        await ha.WaitForAsync(h => Json(h.Latest[$"{Prefix}/miners/miner-1"].Payload).GetProperty("emergency_stop").GetBoolean(),
            TimeSpan.FromSeconds(30), "the emergency stop in Home Assistant");

        Assert.Equal(0, await silo.InterruptAsync(TimeSpan.FromSeconds(30)));
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var audit = new EventLogStore(new SqliteDatabase(EventLogStore.PathIn(_dataDir))).Read([LogKinds.Control], null, null)
            .Select(r => JsonSerializer.Deserialize(r.Body, LogJson.Default.ControlBody)!)
            .Where(b => b.Method == "MQTT")
            .ToList();
        Assert.All(audit, a => Assert.Equal(("home-assistant", "operator"), (a.TokenName, a.Role)));
        Assert.Equal(5, audit.Count(a => a is { Accepted: false, Status: 400 }));
        Assert.Contains(audit, a => a is { Accepted: true, Path: $"{Prefix}/autonomy/set", Detail: "autonomy MANUAL" });
        Assert.Contains(audit, a => a is { Accepted: true, Status: 202, Path: $"{Prefix}/emergency_stop/set" });
    }

    private static JsonElement Json(string text) => JsonSerializer.Deserialize<JsonElement>(text);

    private static List<FakeHomeAssistant.Received> Configs(FakeHomeAssistant ha) =>
        [.. ha.Latest.Values.Where(m => m.Topic.StartsWith("homeassistant/", StringComparison.Ordinal) && m.Topic.EndsWith("/config", StringComparison.Ordinal))];

    private static JsonElement Site(FakeHomeAssistant ha) =>
        ha.Latest.TryGetValue($"{Prefix}/site", out var site) ? Json(site.Payload) : Json("{\"decision\":{}}");

    private static string? BlockOf(FakeHomeAssistant ha) =>
        Site(ha).GetProperty("decision").TryGetProperty("block_id", out var block) ? block.GetString() : null;

    private static int Refusals(SiloProcess silo) =>
        silo.Lines.Concat(silo.Errors).Count(l => l.Contains("Home Assistant command refused", StringComparison.Ordinal));

    private static async Task<string?> AutonomyAsync(HttpClient http) =>
        Json(await http.GetStringAsync("/api/v1/autonomy")).GetProperty("autonomy").GetString();

    private static async Task<JsonElement> SiteAsync(HttpClient http) => Json(await http.GetStringAsync("/api/v1/site"));

    private static async Task WaitAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"{what} did not happen within 30 s");
            await Task.Delay(100);
        }
    }

    /// <summary>Home Assistant's discovery topic: component, node id, object id (letters, digits, _ and - only).</summary>
    [GeneratedRegex("^homeassistant/(\\w+)/([a-zA-Z0-9_-]+)/([a-zA-Z0-9_-]+)/config$")]
    private static partial Regex ConfigTopic();
}
