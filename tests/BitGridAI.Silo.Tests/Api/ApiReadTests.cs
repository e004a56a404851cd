using System.Net;
using System.Text.Json;

namespace BitGridAI.Silo.Tests.Api;

/// <summary>The read routes: the site, decisions, a block's explanation, KPIs, the grain inspector — and their input checks.</summary>
public sealed class ApiReadTests(ApiSilo silo) : IClassFixture<ApiSilo>
{
    [Fact]
    public async Task TheSiteShowsFlowsEveryMinerAndTheLastDecision()
    {
        using var client = silo.Client(silo.ViewerToken);
        var site = await ApiSilo.ReadAsync(await client.GetAsync("/api/v1/site"));

        Assert.Equal("home", site.GetProperty("site_id").GetString());
        Assert.Equal("FULL", site.GetProperty("autonomy").GetString());
        // The standalone site's three miners (Avalon, LuxOS, Bitaxe), in the order they are decided.
        var miners = site.GetProperty("miners").EnumerateArray().ToList();
        Assert.Equal([("miner-1", 0), ("miner-2", 1), ("miner-3", 2)], miners.Select(m => (m.GetProperty("id").GetString(), m.GetProperty("priority").GetInt32())));
        Assert.All(miners, miner =>
        {
            Assert.False(miner.GetProperty("emergency_stop").GetBoolean());
            Assert.True(miner.GetProperty("temp_c").GetDouble() > 0);
        });
        // The simulated summer morning has sun: PV and the derived house load are measured.
        Assert.True(site.GetProperty("flows").GetProperty("pv_w").GetDouble() >= 0);
        var flows = site.GetProperty("flows");
        Assert.True(flows.GetProperty("house_w").GetDouble() >= 0);
        // The simulated meter does not measure the house: it is derived from the balance, and the surplus is PV − house.
        var balance = flows.GetProperty("pv_w").GetDouble() + flows.GetProperty("grid_import_w").GetDouble() + flows.GetProperty("battery_w").GetDouble()
            - flows.GetProperty("grid_export_w").GetDouble() - flows.GetProperty("miners_w").GetDouble();
        Assert.Equal(Math.Max(0, balance), flows.GetProperty("house_w").GetDouble(), 6);
        Assert.Equal(flows.GetProperty("pv_w").GetDouble() - flows.GetProperty("house_w").GetDouble(), flows.GetProperty("surplus_w").GetDouble(), 6);
        Assert.False(string.IsNullOrWhiteSpace(site.GetProperty("last_decision").GetProperty("short_text").GetString()));
        // Every device with readings: inverter, meter, battery, the tariff feed and the three miners (the plug is a relay, not listed).
        Assert.Equal(
            ["battery-1", "meter-1", "miner-1", "miner-2", "miner-3", "pv-1", "tariff-1"],
            site.GetProperty("devices").EnumerateArray().Select(d => d.GetProperty("id").GetString()).Order());
    }

    [Fact]
    public async Task DecisionsComeNewestFirstAndTheLimitIsChecked()
    {
        using var client = silo.Client(silo.ViewerToken);
        await silo.Process.WaitForAsync(s => s.BlockLines.Count >= 4, TimeSpan.FromSeconds(30), "four decisions");
        var decisions = await ApiSilo.ReadAsync(await client.GetAsync("/api/v1/decisions?limit=3"));

        Assert.Equal(3, decisions.GetArrayLength());
        var sequences = decisions.EnumerateArray().Select(d => d.GetProperty("sequence").GetInt64()).ToList();
        Assert.Equal(sequences.OrderDescending(), sequences);
        Assert.All(decisions.EnumerateArray(), d => Assert.Matches("^miner-[123]$", d.GetProperty("miner").GetString()));

        foreach (var bad in new[] { "0", "1001", "abc", "-5", "2.5" })
        {
            var response = await client.GetAsync($"/api/v1/decisions?limit={bad}");
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.True((await ApiSilo.ReadAsync(response)).GetProperty("errors").TryGetProperty("limit", out _), bad);
        }
    }

    [Fact]
    public async Task ABlockIsExplainedInTheLanguageAsked()
    {
        using var client = silo.Client(silo.ViewerToken);
        // The newest block decision (always in its block's record; a safety stop may not be explained yet).
        var newest = (await ApiSilo.ReadAsync(await client.GetAsync("/api/v1/decisions?limit=20"))).EnumerateArray()
            .First(d => d.GetProperty("trigger").GetString() == "BLOCK_TICK");
        var blockId = newest.GetProperty("block_id").GetString()!;

        var english = await ApiSilo.ReadAsync(await client.GetAsync($"/api/v1/decisions/{blockId}"));
        var german = await ApiSilo.ReadAsync(await client.GetAsync($"/api/v1/decisions/{blockId}?lang=de&persona=tech"));

        // A block may hold a safety stop beside its block decision: find this one by its sequence.
        var sequence = newest.GetProperty("sequence").GetInt64();
        var decision = english.GetProperty("decisions").EnumerateArray().Single(d => d.GetProperty("sequence").GetInt64() == sequence);
        var germanDecision = german.GetProperty("decisions").EnumerateArray().Single(d => d.GetProperty("sequence").GetInt64() == sequence);
        Assert.Equal(newest.GetProperty("decision_code").GetString(), decision.GetProperty("decision_code").GetString());
        Assert.True(decision.GetProperty("params").EnumerateObject().Any());
        Assert.Equal("en", decision.GetProperty("explanation").GetProperty("language").GetString());
        Assert.Equal("de", germanDecision.GetProperty("explanation").GetProperty("language").GetString());
        Assert.NotEqual(decision.GetProperty("explanation").GetProperty("long_text").GetString(),
            germanDecision.GetProperty("explanation").GetProperty("long_text").GetString());
    }

    [Theory]
    [InlineData("yesterday", HttpStatusCode.BadRequest)]
    [InlineData("2026-06-21T05:13:00Z", HttpStatusCode.BadRequest)]
    [InlineData("2001-01-01T00:00:00Z", HttpStatusCode.NotFound)]
    public async Task AWrongOrUnknownBlockIdIsAPreciseError(string blockId, HttpStatusCode expected)
    {
        using var client = silo.Client(silo.ViewerToken);
        var response = await client.GetAsync($"/api/v1/decisions/{blockId}");

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task AnUnknownLanguageIsRefusedRatherThanGuessed()
    {
        using var client = silo.Client(silo.ViewerToken);
        var blockId = (await ApiSilo.ReadAsync(await client.GetAsync("/api/v1/decisions?limit=1")))[0].GetProperty("block_id").GetString();
        var response = await client.GetAsync($"/api/v1/decisions/{blockId}?lang=fr");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await ApiSilo.ReadAsync(response)).GetProperty("errors").TryGetProperty("lang", out _));
    }

    [Fact]
    public async Task KpisComePerDayOrBlockWithATotal()
    {
        using var client = silo.Client(silo.ViewerToken);
        var days = await ApiSilo.ReadAsync(await client.GetAsync("/api/v1/kpis"));
        var blocks = await ApiSilo.ReadAsync(await client.GetAsync("/api/v1/kpis?period=block"));

        Assert.Equal("day", days.GetProperty("period").GetString());
        Assert.True(days.GetProperty("total").GetProperty("blocks").GetInt32() >= 1);
        // The feed-in beside sats/kWh, in sats: the default 8 ct/kWh at 1100 sats per euro.
        Assert.Equal(88, days.GetProperty("total").GetProperty("feed_in_sats_per_kwh").GetDouble(), 6);
        Assert.All(blocks.GetProperty("rows").EnumerateArray(), r => Assert.EndsWith("0:00Z", r.GetProperty("period").GetString(), StringComparison.Ordinal));
        Assert.True(blocks.GetProperty("rows").GetArrayLength() >= days.GetProperty("rows").GetArrayLength());
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/api/v1/kpis?period=week")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/api/v1/kpis?from=soon")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/api/v1/kpis?from=2026-06-22T00:00:00Z&to=2026-06-21T00:00:00Z")).StatusCode);
    }

    [Fact]
    public async Task TheInspectorListsActivationsAndShowsAGrainsState()
    {
        using var client = silo.Client(silo.ViewerToken);
        // The decided block first: listed afterwards, its grain is active in the list.
        var decided = (await ApiSilo.ReadAsync(await client.GetAsync("/api/v1/decisions?limit=1")))[0].GetProperty("block_id").GetString();
        var types = await ApiSilo.ReadAsync(await client.GetAsync("/api/v1/grains"));

        var site = types.EnumerateArray().Single(t => t.GetProperty("type").GetString() == "site");
        Assert.Contains(site.GetProperty("grains").EnumerateArray(), g => g.GetProperty("key").GetString() == "home");
        Assert.Equal(3, types.EnumerateArray().Single(t => t.GetProperty("type").GetString() == "miner").GetProperty("activations").GetInt32()); // one per miner
        var block = types.EnumerateArray().Single(t => t.GetProperty("type").GetString() == "schedulerblock").GetProperty("grains")
            .EnumerateArray().Select(g => g.GetProperty("key").GetString()).Single(k => k == $"home/{decided}");

        var siteState = await ApiSilo.ReadAsync(await client.GetAsync("/api/v1/grains/site/home"));
        Assert.Equal("home", siteState.GetProperty("state").GetProperty("site_id").GetString());
        var minerState = await ApiSilo.ReadAsync(await client.GetAsync("/api/v1/grains/miner/miner-1"));
        Assert.Equal("miner-1", minerState.GetProperty("state").GetProperty("miner").GetProperty("miner_id").GetString());
        var blockState = await ApiSilo.ReadAsync(await client.GetAsync($"/api/v1/grains/schedulerblock/{block}"));
        Assert.Equal(JsonValueKind.Array, blockState.GetProperty("state").GetProperty("decisions").ValueKind);

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/v1/grains/miner/nobody")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/v1/grains/sys.membership/0")).StatusCode);
    }
}
