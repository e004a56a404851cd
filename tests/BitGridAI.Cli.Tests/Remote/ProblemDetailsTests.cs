namespace BitGridAI.Cli.Tests.Remote;

/// <summary>Whatever the silo refuses, the console shows its Problem Details as one line on stderr and exits with the code for it.</summary>
public sealed class ProblemDetailsTests
{
    private const string Token = "bgt_secret-operator-token";

    [Theory]
    [InlineData(400, "Invalid request", "duration_min: must be from 1 to max_override_min = 120 (got 500)", 2)]
    [InlineData(409, "Safety lockout", "miner-1 is in its safety lockout until 2026-06-21T12:30:00Z", 3)]
    [InlineData(429, "Too many requests", "this token may send 10 of these per minute; retry in 42 s", 3)]
    [InlineData(403, "Forbidden", "token 'ha' is viewer; this needs operator", 3)]
    public void ARefusedOverrideShowsTheSilosDetailOnOneLineWithItsExitCode(int status, string title, string detail, int exitCode)
    {
        using var silo = new FakeSilo(Canned.Problem(status, title, detail));

        var result = ApiConsole.Run(silo.Url, Token, "override", "start", "--minutes", "500");

        Assert.Equal(exitCode, result.ExitCode);
        Assert.Equal("", result.Out);
        var line = Assert.Single(result.ErrLines);
        Assert.StartsWith("bitgrid override: ", line, StringComparison.Ordinal);
        Assert.Contains($"({status} {title}): {detail}", line, StringComparison.Ordinal);
        Assert.DoesNotContain(Token, result.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void ValidationErrorsTheDetailDoesNotSayAreAddedToTheLine()
    {
        using var silo = new FakeSilo(Canned.Problem(400, "Invalid request", "the body has 2 errors",
            """{"duration_min":["must be from 1 to 120"],"reason":["may be at most 500 characters"]}"""));

        var result = ApiConsole.Run(silo.Url, Token, "override", "stop", "--minutes", "30");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("bitgrid override: the silo refused the input (400 Invalid request): the body has 2 errors; duration_min: must be from 1 to 120; reason: may be at most 500 characters",
            Assert.Single(result.ErrLines));
    }

    [Fact]
    public void WithoutATokenTheConsoleSaysHowToGetOne()
    {
        using var silo = new FakeSilo(Canned.Problem(401, "Unauthorized", "no token: send 'Authorization: Bearer <token>'"));

        var result = ApiConsole.Run(silo.Url, null, "override", "clear");

        Assert.Equal(4, result.ExitCode);
        var line = Assert.Single(result.ErrLines);
        Assert.Contains("(401 Unauthorized): no token", line, StringComparison.Ordinal);
        Assert.Contains("BITGRID_TOKEN", line, StringComparison.Ordinal);
        Assert.Contains("bitgrid token create --role operator", line, StringComparison.Ordinal);
        Assert.Null(Assert.Single(silo.Requests).Authorization);
    }

    [Fact]
    public void AnUnknownTokenIsExit4NamingWhereItCameFromButNeverTheTokenItself()
    {
        using var silo = new FakeSilo(Canned.Problem(401, "Unauthorized", "the token is unknown, malformed or revoked"));

        var result = ApiConsole.Run(silo.Url, Token, "status");

        Assert.Equal(4, result.ExitCode);
        Assert.Contains("the token from BITGRID_TOKEN", Assert.Single(result.ErrLines), StringComparison.Ordinal);
        Assert.DoesNotContain(Token, result.Err, StringComparison.Ordinal);
        Assert.Equal($"Bearer {Token}", Assert.Single(silo.Requests).Authorization);
    }

    [Fact]
    public void AForbiddenAnswerThatDoesNotNameTheRoleGetsTheRoleTheCommandNeeds()
    {
        using var silo = new FakeSilo(Canned.Problem(403, "Forbidden", "the token lacks the role this needs"));

        var result = ApiConsole.Run(silo.Url, Token, "export");

        Assert.Equal(3, result.ExitCode);
        Assert.EndsWith("; this needs an admin token", Assert.Single(result.ErrLines), StringComparison.Ordinal);
    }

    [Fact]
    public void AnExportWhileResearchIsOffIsRefusedWithExit3()
    {
        using var silo = new FakeSilo(Canned.Problem(409, "Research export is off", "research export is off: turn it on with 'bitgrid research on'"));

        var result = ApiConsole.Run(silo.Url, Token, "export", "--from", "2026-06-01");

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("research export is off", Assert.Single(result.ErrLines), StringComparison.Ordinal);
        Assert.Contains("\"from\":\"2026-06-01T00:00:00Z\"", silo.Requests[0].Body, StringComparison.Ordinal);
    }

    [Fact]
    public void ARateLimitWithoutARetryHintGetsTheRetryAfterHeader()
    {
        using var silo = new FakeSilo(Canned.Problem(429, "Too many requests", "slow down") with { Headers = new Dictionary<string, string> { ["Retry-After"] = "17" } });

        var result = ApiConsole.Run(silo.Url, Token, "autonomy", "set", "FULL");

        Assert.Equal(3, result.ExitCode);
        Assert.EndsWith("slow down; retry in 17 s", Assert.Single(result.ErrLines), StringComparison.Ordinal);
    }

    [Fact]
    public void ABlockTheSiloDoesNotKeepIsExit1AsInTheLogReadingExplain()
    {
        using var silo = new FakeSilo(Canned.Problem(404, "Not found", "no decision is kept for block 2026-06-21T12:00:00Z"));

        var result = ApiConsole.Run(silo.Url, Token, "explain", "2026-06-21T12:00:00Z");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("bitgrid explain: not found (404 Not found): no decision is kept for block 2026-06-21T12:00:00Z", Assert.Single(result.ErrLines));
    }

    [Fact]
    public void AServerErrorIsExit1PointingAtTheSilosLog()
    {
        using var silo = new FakeSilo(Canned.Problem(500, "Internal error", "the silo could not answer this request; see its log"));

        var result = ApiConsole.Run(silo.Url, Token, "decisions");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("the silo failed (500 Internal error)", Assert.Single(result.ErrLines), StringComparison.Ordinal);
    }

    [Fact]
    public void AnHtmlPageInsteadOfProblemDetailsIsShownByItsFirstWords()
    {
        using var silo = new FakeSilo(new Canned(502, "<html>\n<body>Bad gateway from the proxy</body></html>", "text/html") { Reason = "Bad Gateway" });

        var result = ApiConsole.Run(silo.Url, Token, "status");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("bitgrid status: the silo failed (502 Bad Gateway): <html> <body>Bad gateway from the proxy</body></html>; see the silo's log at " + silo.Url,
            Assert.Single(result.ErrLines));
    }

    [Fact]
    public void ASuccessThatIsNotJsonIsExit1AskingWhetherItIsASilo()
    {
        using var silo = new FakeSilo(new Canned(200, "hello, I am a printer", "text/plain"));

        var result = ApiConsole.Run(silo.Url, Token, "status");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("is it a BitGridAI silo?", Assert.Single(result.ErrLines), StringComparison.Ordinal);
    }

    [Fact]
    public void ARedirectIsNotFollowedAndTheConsoleSaysWhereItPoints()
    {
        using var silo = new FakeSilo(new Canned(308, "", "text/plain") { Reason = "Permanent Redirect", Headers = new Dictionary<string, string> { ["Location"] = "https://silo.home.lan:8443/api/v1/site" } });

        var result = ApiConsole.Run(silo.Url, Token, "status");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("bitgrid status: unexpected answer (308 Permanent Redirect); it redirects to https://silo.home.lan:8443/api/v1/site (the console follows no redirect: give the silo's own address with --server)",
            Assert.Single(result.ErrLines));
        Assert.Single(silo.Requests);
    }
}
