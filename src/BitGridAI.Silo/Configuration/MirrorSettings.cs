namespace BitGridAI.Silo.Configuration;

/// <summary>
/// <c>Mirror</c> (opt-in, the hybrid variant): a directory the user names — a mounted share, a USB disk — that
/// receives encrypted one-way copies of closed log segments and finished exports every <see cref="Interval"/>.
/// Unset <see cref="Target"/>: no mirror. The key stays in the data directory (<c>mirror.key</c>).
/// </summary>
public sealed class MirrorSettings
{
    public const string Section = "Mirror";

    public string? Target { get; set; }

    /// <summary>How often, in real time, new segments and exports are sent. Default 10 min; 00:00:05 to 1.00:00:00.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(10);
}
