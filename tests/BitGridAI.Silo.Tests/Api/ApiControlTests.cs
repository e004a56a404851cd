using System.Net;
using System.Text.Json;

namespace BitGridAI.Silo.Tests.Api;

/// <summary>Overrides, autonomy and preview through the API: what is accepted shows on the site, what is refused names why and changes nothing.</summary>
public sealed class ApiControlTests(ApiSilo silo) : IClassFixture<ApiSilo>
{
    [Fact]
    public async Task AnOverrideIsSetWithItsExpiryShownAndCleared()
    {
        using var client = silo.Client(silo.OperatorToken);
        var created = await client.PostAsync("/api/v1/override", ApiSilo.Json("""{"action":"STOP","duration_min":30,"reason":"chimney sweep"}"""));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var active = await ApiSilo.ReadAsync(created);
        Assert.Equal("STOP", active.GetProperty("action").GetString());
        Assert.Equal("ops", active.GetProperty("requested_by").GetString());
        Assert.Equal("chimney sweep", active.GetProperty("reason").GetString());
        var site = await ApiSilo.ReadAsync(await client.GetAsync("/api/v1/site"));
        Assert.Equal(active.GetProperty("expires_at").GetDateTimeOffset(), site.GetProperty("override").GetProperty("expires_at").GetDateTimeOffset());

        var cleared = await client.DeleteAsync("/api/v1/override");

        Assert.Equal(HttpStatusCode.NoContent, cleared.StatusCode);
        site = await ApiSilo.ReadAsync(await client.GetAsync("/api/v1/site"));
        Assert.Equal(JsonValueKind.Null, site.GetProperty("override").ValueKind);
        var records = await silo.ControlRecordsAsync(atLeast: 2);
        Assert.Contains(records, r => r.GetProperty("method").GetString() == "POST" && r.GetProperty("status").GetInt32() == 201
            && r.GetProperty("token_name").GetString() == "ops" && r.GetProperty("detail").GetString()!.Contains("chimney sweep", StringComparison.Ordinal));
        Assert.Contains(records, r => r.GetProperty("method").GetString() == "DELETE" && r.GetProperty("status").GetInt32() == 204);
    }

    [Fact]
    public async Task AMinersOwnOverrideIsShownForThatMiner()
    {
        using var client = silo.Client(silo.OperatorToken);
        // A STOP: always allowed, even while the simulated miner's start-up lockout holds.
        var created = await client.PostAsync("/api/v1/override", ApiSilo.Json("""{"action":"STOP","duration_min":5,"miner":"miner-1"}"""));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var site = await ApiSilo.ReadAsync(await client.GetAsync("/api/v1/site"));
        Assert.Contains(site.GetProperty("overrides").EnumerateArray(), o => o.GetProperty("miner").GetString() == "miner-1" && o.GetProperty("action").GetString() == "STOP");
        Assert.Equal(JsonValueKind.Null, site.GetProperty("override").ValueKind);
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync("/api/v1/override?miner=miner-1")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.DeleteAsync("/api/v1/override?miner=nobody")).StatusCode);
    }

    [Theory]
    [InlineData("""{"action":"START","duration_min":10""", "body")]
    [InlineData("""{"action":"START","duration_min":10,"colour":"red"}""", "colour")]
    [InlineData("""{"action":"START","duration_min":0}""", "duration_min")]
    [InlineData("""{"action":"START","duration_min":100000}""", "duration_min")]
    [InlineData("""{"action":"START","duration_min":"ten"}""", "duration_min")]
    [InlineData("""{"action":"FASTER","duration_min":10}""", "action")]
    [InlineData("""{"duration_min":10}""", "body")]
    [InlineData("""{"action":"START","duration_min":10,"miner":"nobody"}""", "miner")]
    [InlineData("""[1,2,3]""", "body")]
    [InlineData("""null""", "body")]
    public async Task ABadOverrideIsA400NamingTheFieldAndChangesNothing(string body, string field)
    {
        // A token of its own per case: the per-token rate limit must never be what answers.
        using var client = silo.Client(new BitGridAI.Storage.Access.TokenStore(new BitGridAI.Storage.SqliteDatabase(
            BitGridAI.Storage.Access.TokenStore.PathIn(silo.DataDir)), TimeProvider.System).Create($"bad-{Guid.NewGuid():N}", BitGridAI.Storage.Access.ApiRole.Operator));
        var response = await client.PostAsync("/api/v1/override", ApiSilo.Json(body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await ApiSilo.ReadAsync(response);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"errors: {problem.GetProperty("errors")}");
        var site = await ApiSilo.ReadAsync(await client.GetAsync("/api/v1/site"));
        Assert.DoesNotContain(site.GetProperty("overrides").EnumerateArray(), o => o.GetProperty("requested_by").GetString()!.StartsWith("bad-", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheEleventhOverrideInAMinuteIs429WithRetryAfter()
    {
        var token = new BitGridAI.Storage.Access.TokenStore(new BitGridAI.Storage.SqliteDatabase(BitGridAI.Storage.Access.TokenStore.PathIn(silo.DataDir)), TimeProvider.System)
            .Create("eager", BitGridAI.Storage.Access.ApiRole.Operator);
        using var client = silo.Client(token);
        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync("/api/v1/override?miner=miner-1")).StatusCode);
        }

        var eleventh = await client.PostAsync("/api/v1/override", ApiSilo.Json("""{"action":"STOP","duration_min":10}"""));

        Assert.Equal(HttpStatusCode.TooManyRequests, eleventh.StatusCode);
        Assert.True(eleventh.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Equal("application/problem+json", eleventh.Content.Headers.ContentType?.MediaType);
        // Another token is not held back by this one's limit.
        using var other = silo.Client(silo.AdminToken);
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync("/api/v1/autonomy")).StatusCode);
        var site = await ApiSilo.ReadAsync(await other.GetAsync("/api/v1/site"));
        Assert.DoesNotContain(site.GetProperty("overrides").EnumerateArray(), o => o.GetProperty("requested_by").GetString() == "eager");
        Assert.Contains(await silo.ControlRecordsAsync(atLeast: 11), r => r.GetProperty("token_name").GetString() == "eager" && r.GetProperty("status").GetInt32() == 429);
    }

    [Fact]
    public async Task AutonomyIsSetReadAndCheckedThenRestored()
    {
        using var client = silo.Client(silo.OperatorToken);
        var set = await client.PutAsync("/api/v1/autonomy", ApiSilo.Json("""{"autonomy":"SEMI"}"""));

        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        Assert.Equal("SEMI", (await ApiSilo.ReadAsync(await client.GetAsync("/api/v1/autonomy"))).GetProperty("autonomy").GetString());
        var bad = await client.PutAsync("/api/v1/autonomy", ApiSilo.Json("""{"autonomy":"HALF"}"""));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("SEMI", (await ApiSilo.ReadAsync(await client.GetAsync("/api/v1/autonomy"))).GetProperty("autonomy").GetString());
        Assert.Equal(HttpStatusCode.OK, (await client.PutAsync("/api/v1/autonomy", ApiSilo.Json("""{"autonomy":"FULL"}"""))).StatusCode);
    }

    [Fact]
    public async Task APreviewDecidesOnTheLatestReadingsWithoutChangingAnything()
    {
        using var client = silo.Client(silo.ViewerToken);
        var response = await client.PostAsync("/api/v1/preview", ApiSilo.Json("""{"config":{"surplus_min_kw":50,"surplus_throttle_min_kw":40,"surplus_stop_kw":30},"override":{"action":"STOP","duration_min":10}}"""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var preview = await ApiSilo.ReadAsync(response);
        // One decision per miner, in the order the site decides them.
        var decisions = preview.GetProperty("decisions").EnumerateArray().ToList();
        Assert.Equal(["miner-1", "miner-2", "miner-3"], decisions.Select(d => d.GetProperty("miner").GetString()));
        Assert.Equal(50, preview.GetProperty("config").GetProperty("surplus_min_kw").GetDouble());
        // The STOP override decides (unless R3 stops first); either way a STOP for every miner — and the override is not set.
        Assert.All(decisions, d => Assert.StartsWith("STOP_", d.GetProperty("decision_code").GetString(), StringComparison.Ordinal));
        var site = await ApiSilo.ReadAsync(await client.GetAsync("/api/v1/site"));
        Assert.DoesNotContain(site.GetProperty("overrides").EnumerateArray(), o => o.GetProperty("requested_by").GetString() == "preview");
    }

    [Theory]
    [InlineData("""{"config":{"surplus_min":1}}""", "config.surplus_min")]
    [InlineData("""{"config":{"max_chip_temp_c":120}}""", "config.max_chip_temp_c")]
    [InlineData("""{"config":{"soc_hard_min_pct":"low"}}""", "config.soc_hard_min_pct")]
    [InlineData("""{"config":{"data_fail_safe":"maybe"}}""", "config.data_fail_safe")]
    [InlineData("""{"override":{"action":"GO"}}""", "override.action")]
    [InlineData("""{"what":1}""", "what")]
    public async Task ABadPreviewIsA400NamingTheField(string body, string field)
    {
        using var client = silo.Client(silo.ViewerToken);
        var response = await client.PostAsync("/api/v1/preview", ApiSilo.Json(body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await ApiSilo.ReadAsync(response)).GetProperty("errors").TryGetProperty(field, out _));
    }
}
