namespace BitGridAI.Cli.Remote;

/// <summary>
/// Where the silo's API is and which token to send: <c>--server</c>/<c>--token</c>, else <c>BITGRID_SERVER</c>/
/// <c>BITGRID_TOKEN</c>, else the console's config file, else <see cref="DefaultServer"/> and no token. The token is
/// never printed: messages name where it came from instead.
/// </summary>
/// <param name="Server">The API's base address, without a trailing slash.</param>
/// <param name="Token">The bearer token, or null.</param>
/// <param name="TokenSource">Where the token came from, for messages (never the token itself).</param>
/// <param name="ConfigPath">The console's config file, named in hints whether or not it exists.</param>
internal sealed record ServerSettings(Uri Server, string? Token, string TokenSource, string ConfigPath)
{
    public const string DefaultServer = "http://127.0.0.1:8080";
    public const string ServerVariable = "BITGRID_SERVER";
    public const string TokenVariable = "BITGRID_TOKEN";

    public static ServerSettings Read(Arguments args, CliIO io)
    {
        var serverOption = args.Option("server");
        var tokenOption = args.Option("token");
        var serverVariable = Blank(io.Variable(ServerVariable));
        var tokenVariable = Blank(io.Variable(TokenVariable));
        ConsoleConfigFile? file = null;
        if ((serverOption is null && serverVariable is null) || (tokenOption is null && tokenVariable is null))
        {
            file = ConsoleConfigFile.Read(io);
        }
        var (serverText, serverSource) = serverOption is not null ? (serverOption, "--server")
            : serverVariable is not null ? (serverVariable, ServerVariable)
            : file?.Server is { } fromFile ? (fromFile, file.Path)
            : (DefaultServer, "the default");
        var (token, tokenSource) = tokenOption is not null ? (tokenOption, "--token")
            : tokenVariable is not null ? (tokenVariable, TokenVariable)
            : file?.Token is { } fileToken ? (fileToken, file.Path)
            : ((string?)null, "none");
        if (token is not null && (token.Length == 0 || token.Any(c => char.IsControl(c) || char.IsWhiteSpace(c))))
        {
            throw new CliInputException($"the token from {tokenSource} is empty or holds spaces or control characters");
        }
        return new ServerSettings(ParseServer(serverText, serverSource), token, tokenSource,
            ConsoleConfigFile.PathFor(io) ?? "~/.config/bitgrid/console.json");
    }

    /// <summary>The address of a route: the server's base (which may carry a path prefix behind a proxy) + <paramref name="path"/>.</summary>
    public Uri Route(string path) => new(Server.AbsoluteUri.TrimEnd('/') + path);

    /// <summary>The server as people type it: no trailing slash.</summary>
    public string Name => Server.AbsoluteUri.TrimEnd('/');

    private static Uri ParseServer(string text, string source)
    {
        var name = source.StartsWith("--", StringComparison.Ordinal) || source == ServerVariable ? source : $"server in {source}";
        if (!Uri.TryCreate(text.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.Host.Length == 0
            || !string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment))
        {
            throw new CliInputException($"{name}: must be an http:// or https:// address like {DefaultServer} (got '{text}')");
        }
        // The API takes bearer tokens only; a password in the address would end up in messages and shell history.
        return string.IsNullOrEmpty(uri.UserInfo)
            ? uri
            : throw new CliInputException($"{name}: must be an http:// or https:// address without a user name or password (the token goes in --token)");
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
