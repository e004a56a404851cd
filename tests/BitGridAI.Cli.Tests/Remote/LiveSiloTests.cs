using System.Text.Json;

namespace BitGridAI.Cli.Tests.Remote;

/// <summary>The console against a real running silo (its simulated site), through the HTTP API as a person or a script uses it.</summary>
public sealed class LiveSiloTests(LiveSilo silo) : IClassFixture<LiveSilo>
{
    /// <summary>The standalone site's miners in the order they are decided (Avalon, LuxOS, Bitaxe).</summary>
    private static readonly string[] Miners = ["miner-1", "miner-2", "miner-3"];

    [Fact]
    public void StatusShowsTheSiteAsATableAndItsJsonAsTheApiSendsIt()
    {
        var table = silo.Run(silo.ViewerToken, "status");
        var json = silo.Run(silo.ViewerToken, "status", "--json");

        Assert.Equal((0, 0), (table.ExitCode, json.ExitCode));
        Assert.StartsWith("site home · ", table.Out, StringComparison.Ordinal);
        // The standalone site's three miners, each on a line of its own, in the order they are decided.
        Assert.All(Miners, id => Assert.Contains(table.OutLines, l => l.Contains(id, StringComparison.Ordinal)));
        Assert.Contains("energy flows", table.Out, StringComparison.Ordinal);
        Assert.Equal("home", json.Json.GetProperty("site_id").GetString());
        Assert.Equal(Miners, json.Json.GetProperty("miners").EnumerateArray().Select(m => m.GetProperty("id").GetString()));
        Assert.Single(json.OutLines);
    }

    [Fact]
    public void DecisionsListsTheSilosDecisionsAndExplainExplainsOneOfTheirBlocks()
    {
        var list = silo.Run(silo.ViewerToken, "decisions", "--json", "--limit", "5");
        var newest = list.Json[0];
        var blockId = newest.GetProperty("block_id").GetString()!;
        var code = newest.GetProperty("decision_code").GetString()!;

        var table = silo.Run(silo.ViewerToken, "decisions", "--limit", "5");
        var explained = silo.Run(silo.ViewerToken, "explain", blockId);
        var german = silo.Run(silo.ViewerToken, "explain", blockId, "--lang", "de", "--json");

        Assert.Equal((0, 0, 0), (table.ExitCode, explained.ExitCode, german.ExitCode));
        Assert.Contains(table.OutLines, l => l.Contains(blockId, StringComparison.Ordinal) && l.Contains(code, StringComparison.Ordinal));
        // A block is decided for every miner at once, so its explanation has a part for each.
        Assert.All(Miners, id => Assert.Contains(explained.OutLines, l => l.StartsWith($"block {blockId} · {id} · ", StringComparison.Ordinal)));
        Assert.Contains(explained.OutLines, l => l.StartsWith("What would change it: ", StringComparison.Ordinal) || l == "the silo has no explanation for this code");
        Assert.Equal(blockId, german.Json.GetProperty("block_id").GetString());
        Assert.All(german.Json.GetProperty("decisions").EnumerateArray().Where(d => d.GetProperty("explanation").ValueKind == JsonValueKind.Object),
            d => Assert.Equal("de", d.GetProperty("explanation").GetProperty("language").GetString()));
    }

    [Fact]
    public void AnOverrideShowsInTheStatusWithItsTimeLeftUntilItIsCleared()
    {
        var set = silo.Run(silo.OperatorToken, "override", "start", "--minutes", "5", "--reason", "console test");
        var status = silo.Run(silo.ViewerToken, "status");
        var json = silo.Run(silo.ViewerToken, "status", "--json");
        var cleared = silo.Run(silo.OperatorToken, "override", "clear");
        var after = silo.Run(silo.ViewerToken, "status", "--json");

        Assert.Equal(0, set.ExitCode);
        Assert.StartsWith("override START on all miners · ", Assert.Single(set.OutLines), StringComparison.Ordinal);
        Assert.Contains(status.OutLines, l => l.StartsWith("override START on all miners · ", StringComparison.Ordinal)
            && l.Contains(" left (until ", StringComparison.Ordinal) && l.EndsWith("· by console-operator · console test", StringComparison.Ordinal));
        var active = Assert.Single(json.Json.GetProperty("overrides").EnumerateArray());
        Assert.Equal(("START", "console-operator"), (active.GetProperty("action").GetString(), active.GetProperty("requested_by").GetString()));
        Assert.Equal(0, cleared.ExitCode);
        Assert.Empty(after.Json.GetProperty("overrides").EnumerateArray());
    }

    [Fact]
    public void AnOverrideLongerThanTheSiloAllowsIsRefusedWithItsProblemDetails()
    {
        var result = silo.Run(silo.OperatorToken, "override", "stop", "--minutes", "100000");

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("bitgrid override: the silo refused the input (400 Invalid request): duration_min: must be from 1 to max_override_min = ",
            Assert.Single(result.ErrLines), StringComparison.Ordinal);
    }

    [Fact]
    public void AutonomySetChangesWhatGetReads()
    {
        var set = silo.Run(silo.OperatorToken, "autonomy", "set", "SEMI");
        var get = silo.Run(silo.ViewerToken, "autonomy", "get");
        var json = silo.Run(silo.ViewerToken, "autonomy", "--json");
        var back = silo.Run(silo.OperatorToken, "autonomy", "set", "FULL");

        Assert.Equal(("autonomy now SEMI", "autonomy SEMI"), (Assert.Single(set.OutLines), Assert.Single(get.OutLines)));
        Assert.Equal("SEMI", json.Json.GetProperty("autonomy").GetString());
        Assert.Equal(0, back.ExitCode);
    }

    [Fact]
    public async Task AnEmergencyStopHoldsEveryMinerRefusesAStartUntilAcknowledgedAndASecondAckSaysNothingWasHeld()
    {
        var stop = silo.Run(silo.OperatorToken, "emergency-stop", "--reason", "console test");
        var status = silo.Run(silo.ViewerToken, "status", "--json");
        var table = silo.Run(silo.ViewerToken, "status");
        var start = silo.Run(silo.OperatorToken, "override", "start", "--minutes", "5");
        var ack = silo.Run(silo.OperatorToken, "ack");
        var again = silo.Run(silo.OperatorToken, "ack");

        Assert.Equal(0, stop.ExitCode);
        Assert.True(status.Json.GetProperty("miners")[0].GetProperty("emergency_stop").GetBoolean());
        Assert.Contains(table.OutLines, l => l.Contains("miner-1", StringComparison.Ordinal) && l.Contains("EMERGENCY STOP", StringComparison.Ordinal));
        Assert.Equal(3, start.ExitCode);
        Assert.Contains("(409 Safety lockout): a safety lockout holds miner-1", Assert.Single(start.ErrLines), StringComparison.Ordinal);
        Assert.Equal(0, ack.ExitCode);
        Assert.Equal(0, again.ExitCode);
        Assert.Equal("nothing to acknowledge: no miner was held by an emergency stop", again.OutLines[0]);
        // No lockout is configured: the site is free again for the other tests.
        await silo.WaitForAsync(() => silo.Run(silo.ViewerToken, "status", "--json").Json.GetProperty("miners")[0].GetProperty("lockout").GetBoolean() == false,
            "the end of the lockout", TimeSpan.FromSeconds(30));
    }

    [Fact]
    public void KpisShowTheRecordedBlocksAsATableAndAsTheApisJson()
    {
        var table = silo.Run(silo.ViewerToken, "kpis", "--period", "block");
        var json = silo.Run(silo.ViewerToken, "kpis", "--json");

        Assert.Equal((0, 0), (table.ExitCode, json.ExitCode));
        Assert.Contains(table.OutLines, l => l.Contains("total", StringComparison.Ordinal));
        Assert.Equal("day", json.Json.GetProperty("period").GetString());
        Assert.Equal("total", json.Json.GetProperty("total").GetProperty("period").GetString());
    }

    [Fact]
    public void AViewerTokenCannotOverrideAndTheMessageNamesTheRoleItNeeds()
    {
        var result = silo.Run(silo.ViewerToken, "override", "stop", "--minutes", "5");

        Assert.Equal(3, result.ExitCode);
        Assert.Equal("bitgrid override: refused: the token lacks the role (403 Forbidden): token 'console-viewer' is viewer; this needs operator", Assert.Single(result.ErrLines));
    }

    [Fact]
    public void AnExportIsRefusedWhileResearchIsOff()
    {
        var result = silo.Run(silo.AdminToken, "export");

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("(409 Research export is off)", Assert.Single(result.ErrLines), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("bgt_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("not-even-a-bitgrid-token")]
    public void AForgedTokenIsExit4(string forged)
    {
        var result = silo.Run(forged, "status");

        Assert.Equal(4, result.ExitCode);
        var line = Assert.Single(result.ErrLines);
        Assert.Contains("(401 Unauthorized): the token is unknown, malformed or revoked", line, StringComparison.Ordinal);
        Assert.DoesNotContain(forged, line, StringComparison.Ordinal);
    }

    [Fact]
    public void WithoutATokenTheConsoleSaysHowToMakeOne()
    {
        var result = silo.Run(null, "status");

        Assert.Equal(4, result.ExitCode);
        Assert.Contains("bitgrid token create --role viewer", Assert.Single(result.ErrLines), StringComparison.Ordinal);
    }
}
