using System.Net;
using System.Text;
using System.Text.Json;

namespace BitGridAI.Cli.Remote;

/// <summary>
/// One line for a refused or failed request: what kind of refusal, the status and title, the server's Problem
/// Details <c>detail</c> and any <c>errors</c> it does not already say, and a hint where the console knows one
/// (how to get a token, which role is needed, when to retry).
/// </summary>
internal static class ProblemText
{
    private const int MaxDetail = 400;

    /// <summary>2 input the silo refused; 3 refused by rule (role, lockout, research off, rate limit); 4 no valid token; else 1.</summary>
    public static int ExitCodeOf(int status) => status switch
    {
        400 or 413 or 415 or 422 => CliApp.InputError,
        401 => CliApp.Unauthorized,
        403 or 409 or 429 => CliApp.Refused,
        _ => CliApp.Failed,
    };

    /// <param name="status">The HTTP status.</param>
    /// <param name="reason">The status line's reason phrase.</param>
    /// <param name="mediaType">The body's media type.</param>
    /// <param name="body">The body as sent.</param>
    /// <param name="retryAfter">The Retry-After header of a 429.</param>
    /// <param name="redirect">Where a 3xx points (the console follows no redirect: the token must not travel elsewhere).</param>
    /// <param name="role">The role the command needs.</param>
    /// <param name="settings">The server and where the token came from.</param>
    public static string Describe(int status, string? reason, string? mediaType, byte[] body, TimeSpan? retryAfter, Uri? redirect, string role, ServerSettings settings)
    {
        var (title, detail, errors) = Read(body);
        if (title is null && detail is null && mediaType is not ("application/json" or "application/problem+json") && body.Length > 0)
        {
            // Not a Problem Details answer (a proxy's page, another program on the port): its first words help more than nothing.
            detail = Squash(Utf8Head(body, 120));
        }
        var text = new StringBuilder();
        text.Append(status switch
        {
            400 or 413 or 415 or 422 => "the silo refused the input",
            401 => "not authorized",
            403 => "refused: the token lacks the role",
            404 => "not found",
            409 or 429 => "refused",
            >= 500 => "the silo failed",
            _ => "unexpected answer",
        });
        text.Append(" (").Append(status);
        if ((title ?? StatusName(status, reason)) is { Length: > 0 } name)
        {
            text.Append(' ').Append(Clip(name, 80));
        }
        text.Append(')');
        if (detail is { Length: > 0 })
        {
            text.Append(": ").Append(Clip(detail, MaxDetail));
        }
        foreach (var error in errors.Where(e => detail is null || !detail.Contains(e, StringComparison.Ordinal)).Take(5))
        {
            text.Append("; ").Append(Clip(error, MaxDetail));
        }
        text.Append(status switch
        {
            401 when settings.Token is null =>
                $"; give the console one with --token, {ServerSettings.TokenVariable} or \"token\" in {settings.ConfigPath} (on the silo host, bitgrid token create --role {role} --data-dir DATA makes one)",
            401 => $"; the silo does not know the token from {settings.TokenSource} (revoked, mistyped, or from another silo): on the silo host, bitgrid token create --role {role} --data-dir DATA makes a new one",
            403 when detail is null || !detail.Contains(role, StringComparison.Ordinal) => $"; this needs {(role[0] is 'a' or 'o' ? "an" : "a")} {role} token",
            429 when retryAfter is { } after && (detail is null || !detail.Contains("retry", StringComparison.OrdinalIgnoreCase)) => $"; retry in {Math.Ceiling(after.TotalSeconds):0} s",
            >= 500 => $"; see the silo's log at {settings.Name}",
            >= 300 and < 400 when redirect is not null => $"; it redirects to {Clip(redirect.ToString(), 200)} (the console follows no redirect: give the silo's own address with --server)",
            _ => "",
        });
        return text.ToString();
    }

    /// <summary>Title, detail and the <c>errors</c> messages ("field: message") of a Problem Details body; nulls when it is none.</summary>
    private static (string? Title, string? Detail, List<string> Errors) Read(byte[] body)
    {
        var errors = new List<string>();
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return (null, null, errors);
            }
            var title = JsonRead.String(root, "title");
            var detail = JsonRead.String(root, "detail");
            if (root.TryGetProperty("errors", out var map) && map.ValueKind == JsonValueKind.Object)
            {
                foreach (var field in map.EnumerateObject())
                {
                    var messages = field.Value.ValueKind switch
                    {
                        JsonValueKind.Array => field.Value.EnumerateArray().Select(m => m.ValueKind == JsonValueKind.String ? m.GetString() : m.GetRawText()),
                        JsonValueKind.String => [field.Value.GetString()],
                        _ => [field.Value.GetRawText()],
                    };
                    errors.AddRange(messages.Select(m => $"{field.Name}: {m}"));
                }
            }
            return (title, detail, errors);
        }
        catch (JsonException)
        {
            return (null, null, errors);
        }
    }

    private static string Clip(string text, int max) => text.Length > max ? text[..max] + "…" : text;

    private static string Squash(string text) => string.Join(' ', text.Split((char[])['\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries)).Trim();

    /// <summary>Text for a status line the silo sent without a Problem Details body.</summary>
    private static string StatusName(int status, string? reason) =>
        reason is { Length: > 0 } ? reason : Enum.IsDefined(typeof(HttpStatusCode), status) ? ((HttpStatusCode)status).ToString() : "";

    private static string Utf8Head(byte[] bytes, int max)
    {
        var text = Encoding.UTF8.GetString(bytes, 0, Math.Min(bytes.Length, max * 4));
        return text.Length > max ? text[..max] + "…" : text;
    }
}
