using BitGridAI.Cli.Remote;
using BitGridAI.Cli.Tests.Support;

namespace BitGridAI.Cli.Tests.Remote;

/// <summary>Server and token: the option, else the environment, else the console's config file, else the default address and no token.</summary>
public sealed class ServerSettingsTests : IDisposable
{
    private readonly TempDirectory _home = new();
    private readonly FakeSilo _first = new(Canned.Json(ApiAnswers.Autonomy));
    private readonly FakeSilo _second = new(Canned.Json(ApiAnswers.Autonomy));

    public void Dispose()
    {
        _first.Dispose();
        _second.Dispose();
        _home.Dispose();
    }

    [Fact]
    public void OptionsWinOverTheEnvironment()
    {
        var result = Run(new() { ["BITGRID_SERVER"] = _first.Url, ["BITGRID_TOKEN"] = "bgt_from_env" }, "autonomy", "--server", _second.Url, "--token", "bgt_from_option");

        Assert.Equal(0, result.ExitCode);
        Assert.Empty(_first.Requests);
        Assert.Equal("Bearer bgt_from_option", Assert.Single(_second.Requests).Authorization);
    }

    [Fact]
    public void TheEnvironmentWinsOverTheConfigFile()
    {
        WriteConfig(Path.Combine(_home.Path, "xdg"), $$"""{"server": "{{_second.Url}}", "token": "bgt_from_file"}""");

        var result = Run(new() { ["XDG_CONFIG_HOME"] = Path.Combine(_home.Path, "xdg"), ["BITGRID_SERVER"] = _first.Url }, "autonomy");

        Assert.Equal(0, result.ExitCode);
        Assert.Empty(_second.Requests);
        Assert.Equal("Bearer bgt_from_file", Assert.Single(_first.Requests).Authorization);
    }

    [Fact]
    public void TheConfigFileIsReadFromXdgConfigHome()
    {
        WriteConfig(Path.Combine(_home.Path, "xdg"), $$"""{"server": "{{_first.Url}}/", "token": "bgt_from_file"}""");
        WriteConfig(Path.Combine(_home.Path, ".config"), $$"""{"server": "{{_second.Url}}"}""");

        var result = Run(new() { ["XDG_CONFIG_HOME"] = Path.Combine(_home.Path, "xdg"), ["HOME"] = _home.Path }, "autonomy", "get");

        Assert.Equal(("autonomy SEMI", 0), (Assert.Single(result.OutLines), result.ExitCode));
        Assert.Equal(("/api/v1/autonomy", "Bearer bgt_from_file"), (Assert.Single(_first.Requests).Target, _first.Requests[0].Authorization));
    }

    [Fact]
    public void WithoutXdgConfigHomeTheFileIsInHomeDotConfig()
    {
        WriteConfig(Path.Combine(_home.Path, ".config"), $$"""{"server": "{{_second.Url}}"}""");

        var result = Run(new() { ["HOME"] = _home.Path }, "autonomy");

        Assert.Equal(0, result.ExitCode);
        Assert.Null(Assert.Single(_second.Requests).Authorization);
    }

    [Fact]
    public void WithNothingConfiguredTheConsoleTriesTheDefaultAddressWithoutAToken()
    {
        var settings = ServerSettings.Read(new Arguments([], new HashSet<string>()), new CliIO(Stream.Null, Stream.Null, TextWriter.Null, Env: _ => null));

        Assert.Equal(("http://127.0.0.1:8080", null), (settings.Name, settings.Token));
    }

    [Theory]
    [InlineData("""{"server": 8080, "token": "bgt_secret_in_file"}""", "\"server\" must be a string")]
    [InlineData("""{"server": "http://127.0.0.1:8080", "tokne": "bgt_secret_in_file"}""", "unknown key \"tokne\" (known: server, token)")]
    [InlineData("""{"token": "bgt_secret_in_file", """, "not valid JSON")]
    [InlineData("""["bgt_secret_in_file"]""", "must be a JSON object")]
    [InlineData("""{"server": "127.0.0.1:8080", "token": "bgt_secret_in_file"}""", "must be an http:// or https:// address")]
    public void ABrokenConfigFileIsExit2NamingTheFileButNotTheToken(string text, string expected)
    {
        var path = WriteConfig(Path.Combine(_home.Path, "xdg"), text);

        var result = Run(new() { ["XDG_CONFIG_HOME"] = Path.Combine(_home.Path, "xdg") }, "status");

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.ErrLines);
        Assert.Contains(path, line, StringComparison.Ordinal);
        Assert.Contains(expected, line, StringComparison.Ordinal);
        Assert.DoesNotContain("bgt_secret_in_file", result.Err, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ftp://silo.local")]
    [InlineData("silo.local:8080")]
    
    public void AServerThatIsNoHttpAddressIsExit2(string server)
    {
        var result = ApiConsole.Run(server, "bgt_x", "status");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("BITGRID_SERVER: must be an http:// or https:// address", Assert.Single(result.ErrLines), StringComparison.Ordinal);
    }

    [Fact]
    public void AServerAddressWithAPasswordIsRefusedWithoutEchoingIt()
    {
        var result = ApiConsole.Run("http://user:hunter2@silo.local", "bgt_x", "status");

        Assert.Equal(2, result.ExitCode);
        Assert.DoesNotContain("hunter2", result.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void ATokenWithSpacesIsExit2WithoutShowingIt()
    {
        var result = ApiConsole.Run(_first.Url, "bgt_half token", "status");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("bitgrid status: the token from BITGRID_TOKEN is empty or holds spaces or control characters", Assert.Single(result.ErrLines));
        Assert.Empty(_first.Requests);
    }

    private static CliResult Run(Dictionary<string, string?> environment, params string[] args) => Bitgrid.RunWithEnvironment(environment, args);

    private static string WriteConfig(string configHome, string text)
    {
        var directory = Path.Combine(configHome, "bitgrid");
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, "console.json");
        File.WriteAllText(path, text);
        return path;
    }
}
