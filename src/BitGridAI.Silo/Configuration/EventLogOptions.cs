namespace BitGridAI.Silo.Configuration;

/// <summary>
/// <c>EventLog</c>: how the event log is cut into segments (the unit of retention and of the mirror) and how long
/// segments stay in <c>events.db</c> before retention archives them to <c>archive/</c> (still verifiable there).
/// </summary>
public sealed class EventLogOptions
{
    public const string Section = "EventLog";

    /// <summary>Records per segment. Default 1000 (two to three days of a one-miner site); 100–1,000,000. The mirror numbers its segments with the same size.</summary>
    public int SegmentRecords { get; set; } = BitGridAI.Storage.EventLog.EventLogDefaults.SegmentRecords;

    /// <summary>Days (site time) a closed segment stays in events.db; 0 keeps everything there. Default 365.</summary>
    public int RetainDays { get; set; } = 365;

    /// <summary>How often, in real time, retention looks for segments to archive. Default 1 h.</summary>
    public TimeSpan ArchiveInterval { get; set; } = TimeSpan.FromHours(1);
}
