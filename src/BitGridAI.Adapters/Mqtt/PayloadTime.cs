using System.Globalization;

namespace BitGridAI.Adapters.Mqtt;

/// <summary>
/// Timestamps devices put in payloads: RFC 3339 with an explicit offset (<c>2026-06-21T12:00:00.250Z</c>,
/// <c>…+02:00</c>) or Unix seconds (fractions allowed). A time without an offset is refused: it would be
/// read in whatever zone the silo runs in (Tasmota sends local time without one — map it without a
/// timestamp path and the receipt time is used instead).
/// </summary>
public static class PayloadTime
{
    /// <summary>Unix seconds beyond 2100 are almost certainly milliseconds sent by mistake.</summary>
    private const double LatestUnixSeconds = 4_102_444_800;

    public static bool HasOffset(ReadOnlySpan<char> text) =>
        text.Length > 10 && text.Contains('T')
        && (text[^1] is 'Z' or 'z' || (text.Length > 6 && text[^6] is '+' or '-' && text[^3] == ':'));

    public static bool HasOffset(ReadOnlySpan<byte> utf8) =>
        utf8.Length > 10 && utf8.Contains((byte)'T')
        && (utf8[^1] is (byte)'Z' or (byte)'z' || (utf8.Length > 6 && utf8[^6] is (byte)'+' or (byte)'-' && utf8[^3] == (byte)':'));

    public static bool TryParse(string text, out DateTimeOffset at)
    {
        at = default;
        return HasOffset(text) && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out at);
    }

    public static bool TryFromUnixSeconds(double seconds, out DateTimeOffset at)
    {
        at = default;
        if (!double.IsFinite(seconds) || seconds < 0 || seconds > LatestUnixSeconds)
        {
            return false;
        }
        at = DateTimeOffset.UnixEpoch.AddTicks((long)(seconds * TimeSpan.TicksPerSecond));
        return true;
    }
}
