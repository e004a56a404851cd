using System.Text;

namespace BitGridAI.Silo.HomeAssistant;

/// <summary>
/// A command from Home Assistant, read from a command topic. Only the exact payloads the discovery configs name are
/// taken (case and whitespace matter); anything else — an unknown option, bytes that are not UTF-8, more than
/// <see cref="MaxPayloadBytes"/> — is refused with a reason a person can read.
/// </summary>
internal sealed record HomeAssistantCommand(HomeAssistantCommandKind Kind, string Value)
{
    /// <summary>The longest payload read at all; the longest valid one is 8 bytes (THROTTLE).</summary>
    public const int MaxPayloadBytes = 64;

    public const string Press = "PRESS";

    public const string Clear = "CLEAR";

    public static readonly IReadOnlyList<string> AutonomyLevels = ["FULL", "SEMI", "MANUAL"];

    public static readonly IReadOnlyList<string> OverrideActions = ["START", "THROTTLE", "STOP", Clear];

    private static readonly IReadOnlyList<string> PressOnly = [Press];

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The command a message carries, or why it is refused.</summary>
    /// <param name="topics">The bridge's topics.</param>
    /// <param name="topic">The message's topic.</param>
    /// <param name="payload">Its payload, or its first bytes when it was too long to keep.</param>
    /// <param name="length">Its full length in bytes.</param>
    public static (HomeAssistantCommand? Command, string? Refusal) Parse(HomeAssistantTopics topics, string topic, ReadOnlySpan<byte> payload, long length)
    {
        var (kind, allowed) = topic switch
        {
            _ when topic == topics.AutonomyCommand => (HomeAssistantCommandKind.Autonomy, AutonomyLevels),
            _ when topic == topics.OverrideCommand => (HomeAssistantCommandKind.Override, OverrideActions),
            _ when topic == topics.EmergencyStopCommand => (HomeAssistantCommandKind.EmergencyStop, PressOnly),
            _ when topic == topics.AcknowledgeCommand => (HomeAssistantCommandKind.Acknowledge, PressOnly),
            _ => (HomeAssistantCommandKind.Unknown, PressOnly),
        };
        if (kind == HomeAssistantCommandKind.Unknown)
        {
            return (null, "not a command topic");
        }
        if (length > MaxPayloadBytes || payload.Length != length)
        {
            return (null, $"payload of {length} bytes refused (at most {MaxPayloadBytes})");
        }
        string text;
        try
        {
            text = StrictUtf8.GetString(payload);
        }
        catch (DecoderFallbackException)
        {
            return (null, "payload is not UTF-8 text");
        }
        return allowed.Contains(text, StringComparer.Ordinal)
            ? (new HomeAssistantCommand(kind, text), null)
            : (null, $"unknown option '{Printable(text)}' (expected {string.Join(", ", allowed)})");
    }

    /// <summary>At most 32 characters, control characters as <c>?</c>: a payload must not forge log lines.</summary>
    private static string Printable(string text)
    {
        var shown = new StringBuilder(Math.Min(text.Length, 33));
        foreach (var c in text.Take(32))
        {
            shown.Append(char.IsControl(c) || char.IsSurrogate(c) ? '?' : c);
        }
        return text.Length > 32 ? shown.Append('…').ToString() : shown.ToString();
    }
}
