using BitGridAI.Storage.EventLog;

namespace BitGridAI.Storage.Mirror;

/// <summary>
/// Where the mirror reads from and writes to. <see cref="ExportsDir"/> (default <c>{data}/exports</c>) holds the
/// export directories to send; <see cref="SegmentRecords"/> must match the size retention archives with.
/// </summary>
public sealed record MirrorOptions(string DataDir, string Target, int SegmentRecords = EventLogDefaults.SegmentRecords, string? ExportsDir = null)
{
    public const string DefaultExportsDir = "exports";

    public string ExportsPath => ExportsDir ?? Path.Combine(DataDir, DefaultExportsDir);

    /// <summary>
    /// Refuses a target inside the data directory (or the other way round): the key lives there, and a target that
    /// contains it would receive it with any copy of the tree.
    /// </summary>
    public void Validate()
    {
        if (SegmentRecords < 1)
        {
            throw new ArgumentException($"segment records must be at least 1 (got {SegmentRecords})");
        }
        var data = Full(DataDir);
        var target = Full(Target);
        if (target.StartsWith(data, StringComparison.Ordinal) || data.StartsWith(target, StringComparison.Ordinal))
        {
            throw new ArgumentException($"the target {Target} and the data directory {DataDir} must not contain each other (the key lives in the data directory and must never reach the target)");
        }
    }

    private static string Full(string path) => Path.TrimEndingDirectorySeparator(Path.GetFullPath(path)) + Path.DirectorySeparatorChar;
}
