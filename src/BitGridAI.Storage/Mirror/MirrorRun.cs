using BitGridAI.Storage.EventLog;
using BitGridAI.Storage.Export;

namespace BitGridAI.Storage.Mirror;

/// <summary>
/// One push of the hybrid mirror: every closed log segment and every finished export not yet sent to the target is
/// sealed (<see cref="MirrorFile"/>) and written there; segments retention already archived are sent from
/// <c>archive/</c>. One-way: nothing is read from the target, what was sent is kept in <see cref="MirrorState"/>.
/// No hosted service here — the silo calls <see cref="Push"/> on its own schedule, the console once.
/// </summary>
public sealed class MirrorRun(MirrorOptions options)
{
    private const string LockFile = "mirror.lock";

    /// <exception cref="ArgumentException">The options are not usable (see <see cref="MirrorOptions.Validate"/>).</exception>
    /// <exception cref="StorageException">The log, key or state cannot be used, or another run holds the lock.</exception>
    public MirrorPushReport Push()
    {
        options.Validate();
        var store = EventLogStore.OpenExisting(options.DataDir);
        using var held = Lock();
        var key = MirrorKey.LoadOrCreate(options.DataDir);
        var state = MirrorState.Load(options.DataDir);
        var targetKey = Path.TrimEndingDirectorySeparator(Path.GetFullPath(options.Target));
        if (!state.Targets.TryGetValue(targetKey, out var sent))
        {
            sent = new MirrorTargetState { SegmentRecords = options.SegmentRecords };
            state.Targets[targetKey] = sent;
        }
        else if (sent.SegmentRecords != options.SegmentRecords)
        {
            throw new ArgumentException($"{options.Target} was mirrored with segments of {sent.SegmentRecords} records; a run with {options.SegmentRecords} would number them differently (use --segment-records {sent.SegmentRecords})");
        }
        Directory.CreateDirectory(options.Target);
        var writer = new Sender(options.Target, key);
        var notes = new List<string>();
        int segments = 0, exports = 0;
        long records = 0;

        foreach (var archived in ArchivedSegments.List(store).Where(a => a.LastPosition > sent.LastPosition))
        {
            var file = Path.Combine(store.DataDir, archived.File);
            if (File.Exists(file))
            {
                writer.Send(SegmentFile.NameOf(archived.Segment) + MirrorFile.Extension, File.ReadAllBytes(file));
                segments++;
                records += archived.LastPosition - archived.FirstPosition + 1;
            }
            else
            {
                notes.Add($"segment {archived.Segment} was archived to {archived.File}, which is not here: not mirrored");
            }
            sent.LastPosition = archived.LastPosition;
            state.Save(options.DataDir);
        }
        foreach (var (segment, closed) in ArchivedSegments.Closed(store, options.SegmentRecords).Where(c => c.Records[0].Position > sent.LastPosition))
        {
            writer.Send(SegmentFile.NameOf(segment) + MirrorFile.Extension, SegmentFile.Write(segment, closed));
            segments++;
            records += closed.Count;
            sent.LastPosition = closed[^1].Position;
            state.Save(options.DataDir);
        }
        foreach (var directory in FinishedExports().Where(d => !sent.Exports.Contains(Path.GetFileName(d))))
        {
            var name = Path.GetFileName(directory);
            // The manifest goes last: a target with a manifest has every file it lists, even after an interrupted run.
            var files = Directory.GetFiles(directory)
                .OrderBy(f => Path.GetFileName(f) == ExportManifest.FileName)
                .ThenBy(f => f, StringComparer.Ordinal);
            foreach (var file in files)
            {
                writer.Send($"{name}/{Path.GetFileName(file)}{MirrorFile.Extension}", File.ReadAllBytes(file));
            }
            sent.Exports.Add(name);
            state.Save(options.DataDir);
            exports++;
        }
        state.Save(options.DataDir);
        return new MirrorPushReport(segments, records, exports, writer.Files, notes);
    }

    /// <summary>Export directories with their manifest in (a research export renames its directory into place only when complete).</summary>
    private IEnumerable<string> FinishedExports() =>
        Directory.Exists(options.ExportsPath)
            ? Directory.GetDirectories(options.ExportsPath, ResearchExport.DirectoryPrefix + "*")
                .Where(d => File.Exists(Path.Combine(d, ExportManifest.FileName)))
                .Order(StringComparer.Ordinal)
            : [];

    /// <summary>One run at a time per data directory (the silo's timer and a console command may meet).</summary>
    private FileStream Lock()
    {
        var path = Path.Combine(options.DataDir, LockFile);
        try
        {
            return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
        }
        catch (IOException e)
        {
            throw new StorageException($"another mirror run is using {Path.GetFullPath(options.DataDir)} ({e.Message}); try again when it ends", e);
        }
    }

    /// <summary>Seals and writes files into the target, each atomically (a crash leaves no half file under a final name).</summary>
    private sealed class Sender(string target, MirrorKey key)
    {
        public int Files { get; private set; }

        public void Send(string name, byte[] plaintext)
        {
            var path = Path.Combine(target, name.Replace('/', Path.DirectorySeparatorChar));
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            AtomicFile.Write(path, MirrorFile.Seal(key, name, plaintext));
            Files++;
        }
    }
}
