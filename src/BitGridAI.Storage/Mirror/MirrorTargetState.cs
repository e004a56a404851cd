namespace BitGridAI.Storage.Mirror;

/// <summary>What one target already holds: segments up to a log position, and the export directories by name.</summary>
public sealed class MirrorTargetState
{
    /// <summary>The segment size the segments were cut with; a run with another size would number them differently.</summary>
    public int SegmentRecords { get; set; }

    /// <summary>The last log position sent (or skipped because its archive file is gone).</summary>
    public long LastPosition { get; set; }

    public List<string> Exports { get; set; } = [];
}
