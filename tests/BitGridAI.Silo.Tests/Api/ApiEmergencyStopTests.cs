using System.Net;

namespace BitGridAI.Silo.Tests.Api;

/// <summary>The emergency stop through the API: every miner stops and stays held, overrides to run are refused, a person acknowledges.</summary>
public sealed class ApiEmergencyStopTests(ApiEmergencyStopTests.LongLockoutSilo silo) : IClassFixture<ApiEmergencyStopTests.LongLockoutSilo>
{
    /// <summary>At 600× a 30-minute lockout lasts 3 real seconds: 300 minutes (30 s) keep it visible for the test.</summary>
    public sealed class LongLockoutSilo : ApiSilo
    {
        protected override string[] ExtraArgs => ["--Site:Engine:safety_lockout_min=300"];
    }

    [Fact]
    public async Task TheEmergencyStopHoldsUntilAcknowledgedAndRefusesRunningOverrides()
    {
        using var client = silo.Client(silo.OperatorToken);
        var nothing = await client.PostAsync("/api/v1/emergency-stop/ack", null);
        Assert.Equal(HttpStatusCode.OK, nothing.StatusCode);
        Assert.False((await ApiSilo.ReadAsync(nothing)).GetProperty("acknowledged").GetBoolean());

        var stop = await client.PostAsync("/api/v1/emergency-stop", ApiSilo.Json("""{"reason":"smoke in the cellar"}"""));

        Assert.Equal(HttpStatusCode.Accepted, stop.StatusCode);
        var site = await ApiSilo.ReadAsync(await client.GetAsync("/api/v1/site"));
        var miner = site.GetProperty("miners")[0];
        Assert.True(miner.GetProperty("emergency_stop").GetBoolean());
        Assert.Equal("STOP", miner.GetProperty("action").GetString());
        // The simulated firmware confirms it stopped.
        await silo.Process.WaitForAsync(_ => MinerConfirmed(client, "STOP"), TimeSpan.FromSeconds(20), "the miner's readback of STOP");

        var start = await client.PostAsync("/api/v1/override", ApiSilo.Json("""{"action":"START","duration_min":10}"""));
        Assert.Equal(HttpStatusCode.Conflict, start.StatusCode);
        Assert.Contains("lockout", (await ApiSilo.ReadAsync(start)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        // Stopping is always allowed.
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsync("/api/v1/override", ApiSilo.Json("""{"action":"STOP","duration_min":10}"""))).StatusCode);

        var ack = await client.PostAsync("/api/v1/emergency-stop/ack", null);

        Assert.Equal(HttpStatusCode.OK, ack.StatusCode);
        Assert.True((await ApiSilo.ReadAsync(ack)).GetProperty("acknowledged").GetBoolean());
        site = await ApiSilo.ReadAsync(await client.GetAsync("/api/v1/site"));
        Assert.False(site.GetProperty("miners")[0].GetProperty("emergency_stop").GetBoolean());
        // The lockout runs on after the acknowledgement: the miner does not start by itself.
        Assert.True(site.GetProperty("miners")[0].GetProperty("lockout").GetBoolean());
        var ack2 = await client.PostAsync("/api/v1/emergency-stop/ack", null);
        Assert.False((await ApiSilo.ReadAsync(ack2)).GetProperty("acknowledged").GetBoolean());
        var records = await silo.ControlRecordsAsync(atLeast: 5);
        Assert.Contains(records, r => r.GetProperty("path").GetString() == "/api/v1/emergency-stop" && r.GetProperty("status").GetInt32() == 202
            && r.GetProperty("detail").GetString()!.Contains("smoke in the cellar", StringComparison.Ordinal));
        Assert.Contains(records, r => r.GetProperty("path").GetString() == "/api/v1/override" && r.GetProperty("status").GetInt32() == 409);
    }

    private static bool MinerConfirmed(HttpClient client, string action)
    {
        var site = ApiSilo.ReadAsync(client.GetAsync("/api/v1/site").GetAwaiter().GetResult()).GetAwaiter().GetResult();
        return site.GetProperty("miners")[0].GetProperty("confirmed_action").GetString() == action;
    }
}
