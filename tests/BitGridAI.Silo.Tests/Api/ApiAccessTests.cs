using System.Net;

namespace BitGridAI.Silo.Tests.Api;

/// <summary>Who may do what: no token or a forged one → 401, a weak one → 403 naming the role; open routes stay open.</summary>
public sealed class ApiAccessTests(ApiSilo silo) : IClassFixture<ApiSilo>
{
    [Fact]
    public async Task HealthMetricsFreeRoutesAnswerWithoutAToken()
    {
        using var anonymous = silo.Client(null);
        var health = await anonymous.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        var body = await ApiSilo.ReadAsync(health);
        Assert.True(body.GetProperty("status").GetString() is "ok" or "degraded");
        Assert.Equal("ok", body.GetProperty("checks").GetProperty("site").GetString());

        var openApi = await anonymous.GetStringAsync("/openapi/v1.json");
        foreach (var route in (string[])["/api/v1/site", "/api/v1/decisions", "/api/v1/decisions/{blockId}", "/api/v1/override", "/api/v1/autonomy",
            "/api/v1/emergency-stop", "/api/v1/emergency-stop/ack", "/api/v1/preview", "/api/v1/kpis", "/api/v1/export", "/api/v1/grains"])
        {
            Assert.Contains($"\"{route}\"", openApi, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData("bgt_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("not-a-token")]
    [InlineData("bgt_")]
    public async Task AMissingOrForgedTokenIs401WithProblemDetails(string? token)
    {
        using var client = silo.Client(token);
        var response = await client.GetAsync("/api/v1/site");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Bearer", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        var problem = await ApiSilo.ReadAsync(response);
        Assert.Equal(401, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
    }

    [Fact]
    public async Task ATokenInTheUrlOpensOnlyTheStream()
    {
        using var anonymous = silo.Client(null);

        var response = await anonymous.GetAsync($"/api/v1/site?access_token={Uri.EscapeDataString(silo.AdminToken)}");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task ARevokedTokenNoLongerOpensAnything()
    {
        var store = new BitGridAI.Storage.Access.TokenStore(new BitGridAI.Storage.SqliteDatabase(BitGridAI.Storage.Access.TokenStore.PathIn(silo.DataDir)), TimeProvider.System);
        var token = store.Create("short-lived", BitGridAI.Storage.Access.ApiRole.Operator);
        using var client = silo.Client(token);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/site")).StatusCode);

        Assert.True(store.Revoke("short-lived"));

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/site")).StatusCode);
    }

    [Fact]
    public async Task AViewerReadsButCannotControlAndTheRefusalNamesTheRole()
    {
        using var viewer = silo.Client(silo.ViewerToken);
        Assert.Equal(HttpStatusCode.OK, (await viewer.GetAsync("/api/v1/site")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await viewer.GetAsync("/api/v1/autonomy")).StatusCode);

        var refused = await viewer.PostAsync("/api/v1/override", ApiSilo.Json("""{"action":"START","duration_min":10}"""));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        var problem = await ApiSilo.ReadAsync(refused);
        Assert.Contains("needs operator", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PutAsync("/api/v1/autonomy", ApiSilo.Json("""{"autonomy":"MANUAL"}"""))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PostAsync("/api/v1/emergency-stop", ApiSilo.Json("{}"))).StatusCode);

        using var operatorClient = silo.Client(silo.OperatorToken);
        var export = await operatorClient.PostAsync("/api/v1/export", ApiSilo.Json("{}"));
        Assert.Equal(HttpStatusCode.Forbidden, export.StatusCode);
        Assert.Contains("needs admin", (await ApiSilo.ReadAsync(export)).GetProperty("detail").GetString(), StringComparison.Ordinal);

        // Nothing changed, and each refused control request is in the event log with the token's name.
        using var admin = silo.Client(silo.AdminToken);
        var site = await ApiSilo.ReadAsync(await admin.GetAsync("/api/v1/site"));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, site.GetProperty("override").ValueKind);
        var records = await silo.ControlRecordsAsync(atLeast: 4);
        Assert.Contains(records, r => r.GetProperty("token_name").GetString() == "watcher" && r.GetProperty("status").GetInt32() == 403
            && r.GetProperty("path").GetString() == "/api/v1/override" && !r.GetProperty("accepted").GetBoolean());
        Assert.Contains(records, r => r.GetProperty("token_name").GetString() == "ops" && r.GetProperty("path").GetString() == "/api/v1/export");
    }

    [Fact]
    public async Task ExportIsRefusedWith409WhileResearchIsOff()
    {
        using var admin = silo.Client(silo.AdminToken);
        var response = await admin.PostAsync("/api/v1/export", ApiSilo.Json("{}"));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("research", (await ApiSilo.ReadAsync(response)).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheStreamNeedsATokenAndSendsTelemetryWithOne()
    {
        using (var anonymous = new System.Net.WebSockets.ClientWebSocket())
        {
            await Assert.ThrowsAnyAsync<System.Net.WebSockets.WebSocketException>(() =>
                anonymous.ConnectAsync(new Uri($"ws://127.0.0.1:{silo.BaseAddress.Port}/api/v1/stream"), CancellationToken.None));
        }

        using var socket = new System.Net.WebSockets.ClientWebSocket();
        await socket.ConnectAsync(new Uri($"ws://127.0.0.1:{silo.BaseAddress.Port}/api/v1/stream?access_token={Uri.EscapeDataString(silo.ViewerToken)}"), CancellationToken.None);
        var types = new HashSet<string>();
        var buffer = new byte[256 * 1024];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        // Telemetry every second; a decision within a few blocks (one block per second at 600×).
        while (!(types.Contains("telemetry") && types.Contains("decision")))
        {
            var received = await socket.ReceiveAsync(buffer, timeout.Token);
            using var message = System.Text.Json.JsonDocument.Parse(buffer.AsMemory(0, received.Count));
            types.Add(message.RootElement.GetProperty("type").GetString()!);
            if (message.RootElement.GetProperty("type").GetString() == "telemetry")
            {
                Assert.Equal("miner-1", message.RootElement.GetProperty("miners")[0].GetProperty("id").GetString());
                Assert.True(message.RootElement.GetProperty("flows").TryGetProperty("pv_w", out _));
            }
        }
        await socket.CloseAsync(System.Net.WebSockets.WebSocketCloseStatus.NormalClosure, "done", CancellationToken.None);
    }
}
