namespace BitGridAI.Storage.EventLog;

/// <summary>Defaults shared by retention, the mirror and the console, so a segment means the same positions to each.</summary>
public static class EventLogDefaults
{
    /// <summary>
    /// Records per closed segment. Segment numbers are derived from positions with this size, so retention and the
    /// mirror must agree on it; a 1000-record segment is ~0.5–1 MB of JSON lines — small enough to encrypt in memory.
    /// </summary>
    public const int SegmentRecords = 1000;
}
