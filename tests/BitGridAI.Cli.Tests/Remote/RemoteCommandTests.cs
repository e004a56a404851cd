using System.Text.Json;

namespace BitGridAI.Cli.Tests.Remote;

/// <summary>What each command over the API sends, what it shows, and the input it refuses before sending anything.</summary>
public sealed class RemoteCommandTests : IDisposable
{
    private const string Token = "bgt_operator";
    private readonly FakeSilo _silo = new(Answer);

    public void Dispose() => _silo.Dispose();

    private static Canned Answer(SeenRequest request) => (request.Method, request.Target.Split('?')[0]) switch
    {
        ("GET", "/api/v1/site") => Canned.Json(ApiAnswers.Site),
        ("GET", "/api/v1/decisions") => Canned.Json(ApiAnswers.Decisions),
        ("GET", var path) when path.StartsWith("/api/v1/decisions/", StringComparison.Ordinal) => Canned.Json(ApiAnswers.Block),
        ("GET", "/api/v1/kpis") => Canned.Json(ApiAnswers.Kpis),
        ("POST", "/api/v1/override") => Canned.Json(ApiAnswers.Override, 201),
        ("DELETE", "/api/v1/override") => new Canned(204, ""),
        ("GET" or "PUT", "/api/v1/autonomy") => Canned.Json(ApiAnswers.Autonomy),
        ("POST", "/api/v1/emergency-stop") => Canned.Json(ApiAnswers.EmergencyStop, 202),
        ("POST", "/api/v1/emergency-stop/ack") => Canned.Json(ApiAnswers.EmergencyStop),
        ("POST", "/api/v1/export") => Canned.Json(ApiAnswers.Export, 202),
        _ => Canned.Problem(404, "Not found", $"no route {request.Method} {request.Target}"),
    };

    private Support.CliResult Run(params string[] args) => ApiConsole.Run(_silo.Url, Token, args);

    [Fact]
    public void StatusShowsFlowsMinersTheOverrideWithItsTimeLeftAutonomyAndHealth()
    {
        var result = Run("status");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Err);
        var text = result.Out;
        Assert.StartsWith("site home · 2026-06-21T12:03:05Z · autonomy SEMI · strategy surplus · health degraded", text, StringComparison.Ordinal);
        Assert.Contains("1200 W charging", text, StringComparison.Ordinal);
        Assert.Contains("82.5 %", text, StringComparison.Ordinal);
        var miner1 = Assert.Single(result.OutLines, l => l.Contains("│ miner-1 ", StringComparison.Ordinal));
        Assert.Contains("1450 W", miner1, StringComparison.Ordinal);
        Assert.Contains("64.5 °C", miner1, StringComparison.Ordinal);
        var miner2 = Assert.Single(result.OutLines, l => l.Contains("│ miner-2 ", StringComparison.Ordinal));
        Assert.Contains("EMERGENCY STOP, lockout until 2026-06-21T12:30:00Z, relay open", miner2, StringComparison.Ordinal);
        Assert.Contains("override STOP on all miners · 4 min 10 s left (until 2026-06-21T12:07:15Z) · by kitchen · guests", result.OutLines);
        Assert.Contains(result.OutLines, l => l.StartsWith("last decision: block 2026-06-21T12:00:00Z · miner-1 · START_R1_SURPLUS_OK", StringComparison.Ordinal));
        Assert.Contains("health device:miner-2: error: no data for 40 s", result.OutLines);
        Assert.DoesNotContain('\u001b', text);
        Assert.Equal(("GET", "/api/v1/site", $"Bearer {Token}"), (_silo.Requests[0].Method, _silo.Requests[0].Target, _silo.Requests[0].Authorization));
    }

    [Theory]
    [InlineData("status", ApiAnswers.Site)]
    [InlineData("decisions", ApiAnswers.Decisions)]
    [InlineData("kpis", ApiAnswers.Kpis)]
    [InlineData("autonomy", ApiAnswers.Autonomy)]
    [InlineData("explain 2026-06-21T12:00:00Z", ApiAnswers.Block)]
    [InlineData("emergency-stop", ApiAnswers.EmergencyStop)]
    [InlineData("export", ApiAnswers.Export)]
    public void JsonPrintsTheApisAnswerUnchangedAsOneDocument(string command, string answer)
    {
        var result = Run([.. command.Split(' '), "--json"]);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(answer + "\n", result.Out);
        using var _ = JsonDocument.Parse(result.Out);
    }

    [Fact]
    public void DecisionsAsksForTheLimitAndShowsATable()
    {
        var result = Run("decisions", "--limit", "2");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("/api/v1/decisions?limit=2", _silo.Requests[0].Target);
        Assert.Contains(result.OutLines, l => l.Contains("2026-06-21T11:50:00Z", StringComparison.Ordinal) && l.Contains("NOOP_R1_INSUFFICIENT_SURPLUS", StringComparison.Ordinal));
    }

    [Fact]
    public void ExplainShowsTheTextsOfEachDecisionAndOnlyTheNamedMinersWithMiner()
    {
        var all = Run("explain", "2026-06-21T12:00:00Z", "--lang", "de", "--persona", "heat");
        var one = Run("explain", "2026-06-21T12:00:00Z", "--miner", "miner-1", "--json");

        Assert.Equal(0, all.ExitCode);
        Assert.Equal("/api/v1/decisions/2026-06-21T12:00:00Z?lang=de&persona=heat", _silo.Requests[0].Target);
        Assert.Contains("block 2026-06-21T12:00:00Z · miner-1 · START_R1_SURPLUS_OK (BLOCK_TICK), decided 2026-06-21T12:00:02Z", all.OutLines);
        Assert.Contains("Enough surplus: the miner runs.", all.OutLines);
        Assert.Contains("  - Set an override to stop it.", all.OutLines);
        Assert.Contains("What would change it: Below 1.5 kW surplus it would stay stopped.", all.OutLines);
        Assert.Contains("the silo has no explanation for this code", all.OutLines);
        var decisions = one.Json.GetProperty("decisions");
        Assert.Equal("miner-1", Assert.Single(decisions.EnumerateArray()).GetProperty("miner").GetString());
    }

    [Fact]
    public void OverrideStartSendsActionMinutesReasonAndMinerAndShowsTheOverride()
    {
        var result = Run("override", "start", "--minutes", "5", "--reason", "guests", "--miner", "miner-1");

        Assert.Equal(0, result.ExitCode);
        var request = Assert.Single(_silo.Requests);
        Assert.Equal(("POST", "/api/v1/override", "application/json"), (request.Method, request.Target, request.ContentType));
        Assert.Equal("""{"action":"START","duration_min":5,"reason":"guests","miner":"miner-1"}""", request.Body);
        Assert.Equal("override STOP on miner-1 · 5 min 0 s left (until 2026-06-21T12:08:05Z) · by kitchen · guests", Assert.Single(result.OutLines));
    }

    [Fact]
    public void OverrideClearSendsADeleteForTheMiner()
    {
        var result = Run("override", "clear", "--miner", "miner 2");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(("DELETE", "/api/v1/override?miner=miner%202"), (_silo.Requests[0].Method, _silo.Requests[0].Target));
        Assert.Equal("override cleared on miner 2", Assert.Single(result.OutLines));
    }

    [Fact]
    public void AutonomySetSendsTheLevelInCapitals()
    {
        var result = Run("autonomy", "set", "semi");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(("PUT", """{"autonomy":"SEMI"}"""), (_silo.Requests[0].Method, _silo.Requests[0].Body));
        Assert.Equal("autonomy now SEMI", Assert.Single(result.OutLines));
    }

    [Fact]
    public void EmergencyStopAndAckShowEachMinersSafetyState()
    {
        var stop = Run("emergency-stop", "--reason", "smoke");
        var ack = Run("ack");

        Assert.Equal((0, 0), (stop.ExitCode, ack.ExitCode));
        Assert.Equal("""{"reason":"smoke"}""", _silo.Requests[0].Body);
        Assert.Equal(("POST", "/api/v1/emergency-stop/ack"), (_silo.Requests[1].Method, _silo.Requests[1].Target));
        Assert.Contains(stop.OutLines, l => l.Contains("miner-1", StringComparison.Ordinal) && l.Contains("EMERGENCY STOP", StringComparison.Ordinal));
        Assert.StartsWith("emergency stop acknowledged", ack.OutLines[0], StringComparison.Ordinal);
    }

    [Fact]
    public void KpisSendsTheRangeAndShowsRowsWithPartialMarks()
    {
        var result = Run("kpis", "--from", "2026-06-21", "--to", "2026-06-22T00:00:00Z", "--period", "day");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("/api/v1/kpis?period=day&from=2026-06-21T00%3A00%3A00Z&to=2026-06-22T00%3A00%3A00Z", _silo.Requests[0].Target);
        var day = Assert.Single(result.OutLines, l => l.Contains("2026-06-21 ", StringComparison.Ordinal));
        Assert.Contains("40.500", day, StringComparison.Ordinal);
        Assert.Contains("9.250*", day, StringComparison.Ordinal);
        Assert.Contains("92.6 %", day, StringComparison.Ordinal);
        Assert.Contains(result.OutLines, l => l.Contains("total", StringComparison.Ordinal) && l.Contains("2/1", StringComparison.Ordinal));
    }

    [Fact]
    public void ExportThroughTheApiShowsWhereTheSiloWroteIt()
    {
        var result = Run("export", "--anonymise");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("""{"anonymise":true}""", _silo.Requests[0].Body);
        Assert.Equal("export written on the silo host to /srv/bitgrid/data/exports/export-20260621T120000Z (anonymised)", result.OutLines[0]);
        Assert.Contains(result.OutLines, l => l.Contains("decisions.parquet", StringComparison.Ordinal) && l.Contains("cd34", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("override start", "--minutes: required")]
    [InlineData("override start --minutes 0", "--minutes: must be a number of at least 1 (got '0')")]
    [InlineData("override stop --minutes ten", "--minutes: must be a number of at least 1 (got 'ten')")]
    [InlineData("override stop --minutes NaN", "--minutes: must be a number of at least 1 (got 'NaN')")]
    [InlineData("override pause --minutes 5", "unknown 'pause' (start, throttle, stop or clear)")]
    [InlineData("override", "say start, throttle or stop --minutes N, or clear")]
    [InlineData("override clear --minutes 5", "--minutes: unknown option")]
    [InlineData("autonomy set", "set: name the level: FULL, SEMI or MANUAL")]
    [InlineData("autonomy set AUTO", "set: must be FULL, SEMI or MANUAL (got 'AUTO')")]
    [InlineData("explain 2026-06-21T12:05:00Z", "is not a block id")]
    [InlineData("explain 2026-06-21T12:00:00Z --lang fr", "--lang: must be en or de (got 'fr')")]
    [InlineData("decisions --limit 0", "--limit: must be a whole number from 1 to 1000 (got '0')")]
    [InlineData("kpis --period week", "--period: must be block or day (got 'week')")]
    [InlineData("kpis --from 2026-06-22 --to 2026-06-21", "--to: must be after --from")]
    [InlineData("export --out /tmp/x", "--out: only with --data-dir")]
    [InlineData("status --colour always", "--colour: unknown option")]
    [InlineData("status --timeout 0", "--timeout: must be a whole number from 1 to 3600 (got '0')")]
    public void BadInputIsExit2BeforeAnythingIsSent(string command, string expected)
    {
        var result = Run(command.Split(' '));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(expected, Assert.Single(result.ErrLines), StringComparison.Ordinal);
        Assert.Empty(_silo.Requests);
    }
}
