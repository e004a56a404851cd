using System.Text.Json;

namespace BitGridAI.Cli.Remote;

/// <summary>
/// The console's own settings, <c>$XDG_CONFIG_HOME/bitgrid/console.json</c> (default <c>~/.config/bitgrid/console.json</c>):
/// <c>{"server": "http://…", "token": "bgt_…"}</c>, both optional. A missing file is no settings; a broken one is an
/// input error naming the file and the key, never quoting the token.
/// </summary>
/// <param name="Path">The file's full path, named in messages.</param>
/// <param name="Server">The API's address, or null.</param>
/// <param name="Token">The bearer token, or null.</param>
internal sealed record ConsoleConfigFile(string Path, string? Server, string? Token)
{
    public static string? PathFor(CliIO io)
    {
        var home = io.Variable("XDG_CONFIG_HOME") is { Length: > 0 } xdg && System.IO.Path.IsPathRooted(xdg)
            ? xdg
            : io.Variable("HOME") is { Length: > 0 } user ? System.IO.Path.Combine(user, ".config") : null;
        return home is null ? null : System.IO.Path.Combine(home, "bitgrid", "console.json");
    }

    /// <summary>The file's settings, or null when there is no such file.</summary>
    public static ConsoleConfigFile? Read(CliIO io)
    {
        if (PathFor(io) is not { } path || !File.Exists(path))
        {
            return null;
        }
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliInputException($"{path}: cannot read: {e.Message}");
        }
        try
        {
            using var document = JsonDocument.Parse(bytes);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new CliInputException($"{path}: must be a JSON object like {{\"server\": \"{ServerSettings.DefaultServer}\", \"token\": \"bgt_…\"}}");
            }
            string? server = null;
            string? token = null;
            foreach (var property in document.RootElement.EnumerateObject())
            {
                var value = property.Value.ValueKind switch
                {
                    JsonValueKind.String => property.Value.GetString(),
                    JsonValueKind.Null => null,
                    _ => throw new CliInputException($"{path}: \"{property.Name}\" must be a string"),
                };
                switch (property.Name)
                {
                    case "server":
                        server = value;
                        break;
                    case "token":
                        token = value;
                        break;
                    default:
                        throw new CliInputException($"{path}: unknown key \"{property.Name}\" (known: server, token)");
                }
            }
            return new ConsoleConfigFile(path, string.IsNullOrWhiteSpace(server) ? null : server.Trim(), string.IsNullOrWhiteSpace(token) ? null : token.Trim());
        }
        catch (JsonException e)
        {
            // The parser's message quotes no values, so a token in a broken file stays unprinted.
            throw new CliInputException($"{path}: not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1})");
        }
    }
}
