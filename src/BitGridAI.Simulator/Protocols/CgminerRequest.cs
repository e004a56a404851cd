using System.Text.Json;

namespace BitGridAI.Simulator.Protocols;

/// <summary>
/// One cgminer API request, in either of the forms the firmwares accept: JSON
/// <c>{"command":"summary","parameter":""}</c> or plain text <c>summary|parameter</c>.
/// </summary>
internal sealed record CgminerRequest(string Command, string Parameter)
{
    /// <summary>Null while <paramref name="text"/> may still be the beginning of a JSON request, or is not a request at all.</summary>
    public static CgminerRequest? Parse(string text)
    {
        text = text.TrimEnd('\0', '\n', '\r', ' ');
        if (text.StartsWith('{'))
        {
            try
            {
                using var json = JsonDocument.Parse(text);
                var root = json.RootElement;
                var command = root.TryGetProperty("command", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null;
                var parameter = root.TryGetProperty("parameter", out var p)
                    ? p.ValueKind == JsonValueKind.String ? p.GetString() : p.GetRawText()
                    : "";
                return command is null ? new CgminerRequest("", "") : new CgminerRequest(command, parameter ?? "");
            }
            catch (JsonException)
            {
                return null;
            }
        }
        var bar = text.IndexOf('|', StringComparison.Ordinal);
        return bar < 0 ? new CgminerRequest(text, "") : new CgminerRequest(text[..bar], text[(bar + 1)..]);
    }
}
