using System.Security.Cryptography;
using System.Text.RegularExpressions;
using BitGridAI.Grains.Abstractions.Recording;
using BitGridAI.Storage.EventLog;
using BitGridAI.Storage.Export;

namespace BitGridAI.Storage.Mirror;

/// <summary>
/// Reads a mirror back — the only code that does. Every file must open with this data directory's key under its
/// own name; segments must be whole segments whose records hash right, chain to each other and match the live
/// log (or the head kept for an archived segment); each export must match its manifest, and the manifest must be
/// one the log's <c>export</c> records name. Stops at the first bad file.
/// </summary>
public static partial class MirrorVerifier
{
    [GeneratedRegex(@"^segment-(\d{8})\.jsonl\.bgm$")]
    private static partial Regex SegmentName();

    [GeneratedRegex(@"^(export-[^/]+)/([^/]+)\.bgm$")]
    private static partial Regex ExportName();

    /// <exception cref="StorageException">No key or log in the data directory, or no target.</exception>
    public static MirrorReport Verify(string dataDir, string target)
    {
        var store = EventLogStore.OpenExisting(dataDir);
        var key = MirrorKey.Load(dataDir);
        if (!Directory.Exists(target))
        {
            throw new StorageException($"no mirror at {Path.GetFullPath(target)}: the directory does not exist");
        }
        var run = new Run(store, key, target);
        return run.Verify();
    }

    private sealed class Run(EventLogStore store, MirrorKey key, string target)
    {
        private readonly List<string> _notes = [];
        private int _segments;
        private long _records;
        private long _firstPosition;
        private long _lastPosition;
        private byte[]? _lastHash;
        private int _exports;
        private int _exportFiles;

        public MirrorReport Verify()
        {
            var names = Directory.EnumerateFiles(target, "*", SearchOption.AllDirectories)
                .Select(f => Path.GetRelativePath(target, f).Replace(Path.DirectorySeparatorChar, '/'))
                .Order(StringComparer.Ordinal)
                .ToList();
            var segments = new List<(long Number, string Name)>();
            var exports = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
            foreach (var name in names)
            {
                if (SegmentName().Match(name) is { Success: true } segment)
                {
                    segments.Add((long.Parse(segment.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), name));
                }
                else if (ExportName().Match(name) is { Success: true } export)
                {
                    if (!exports.TryGetValue(export.Groups[1].Value, out var files))
                    {
                        exports[export.Groups[1].Value] = files = [];
                    }
                    files.Add(name);
                }
                else
                {
                    _notes.Add($"ignored {name}: not a name the mirror writes");
                }
            }
            foreach (var (number, name) in segments.OrderBy(s => s.Number))
            {
                if (Guarded(name, () => CheckSegment(number, name)) is { } problem)
                {
                    return Report(problem);
                }
            }
            var manifestHashes = ManifestHashesInLog();
            foreach (var (directory, files) in exports)
            {
                if (CheckExport(directory, files, manifestHashes) is { } problem)
                {
                    return Report(problem);
                }
            }
            return Report(null);
        }

        private MirrorReport Report(MirrorProblem? problem) =>
            new(_segments, _records, _firstPosition, _lastPosition, _exports, _exportFiles, problem, _notes);

        /// <summary>Whatever a file holds, its check ends in a reason, never in an exception.</summary>
        private static MirrorProblem? Guarded(string name, Func<string?> check)
        {
            try
            {
                return check() is { } reason ? new MirrorProblem(name, reason) : null;
            }
            catch (MirrorFileException e)
            {
                return new MirrorProblem(name, e.Message);
            }
            catch (FormatException e)
            {
                return new MirrorProblem(name, $"opens, but its content is not readable: {e.Message}");
            }
            catch (IOException e)
            {
                return new MirrorProblem(name, $"cannot be read: {e.Message}");
            }
        }

        private byte[] Open(string name) =>
            MirrorFile.Open(key, name, File.ReadAllBytes(Path.Combine(target, name.Replace('/', Path.DirectorySeparatorChar))));

        private string? CheckSegment(long number, string name)
        {
            var plaintext = Open(name);
            var (segment, _, records) = SegmentFile.Read(plaintext);
            if (segment != number)
            {
                return $"holds segment {segment}, not {number}";
            }
            if (records.Count == 0)
            {
                return "holds no records";
            }
            // The mirror sends segments only as SegmentFile writes them: any other bytes (a header that disagrees
            // with the records, changed spacing or hex case) mean someone holding the key made this file.
            if (!plaintext.AsSpan().SequenceEqual(SegmentFile.Write(segment, records)))
            {
                return "opens, but is not a segment file as the mirror writes it (its header or layout was changed)";
            }
            var first = records[0];
            if (_lastHash is not null && first.Position == _lastPosition + 1 && !first.PrevHash.AsSpan().SequenceEqual(_lastHash))
            {
                return $"record {first.Position} does not chain to the mirrored segment before it";
            }
            if (_lastHash is null ? first.Position != 1 : first.Position != _lastPosition + 1)
            {
                _notes.Add($"records {(_lastHash is null ? 1 : _lastPosition + 1)}–{first.Position - 1} are not in the mirror");
            }
            for (var i = 0; i < records.Count; i++)
            {
                var record = records[i];
                if (i > 0 && (record.Position != records[i - 1].Position + 1 || !record.PrevHash.AsSpan().SequenceEqual(records[i - 1].Hash)))
                {
                    return $"record {record.Position} does not follow record {records[i - 1].Position} in the chain";
                }
                if (!record.ExpectedHash().AsSpan().SequenceEqual(record.Hash))
                {
                    return $"record {record.Position}'s content does not match its hash";
                }
            }
            if (AgainstLog(records) is { } mismatch)
            {
                return mismatch;
            }
            _segments++;
            _records += records.Count;
            _firstPosition = _firstPosition == 0 ? first.Position : _firstPosition;
            _lastPosition = records[^1].Position;
            _lastHash = records[^1].Hash;
            return null;
        }

        /// <summary>The live log still holds the records (same hashes), or retention kept the segment's head (same head).</summary>
        private string? AgainstLog(List<StoredRecord> records)
        {
            var live = store.Read(records[0].Position, records[^1].Position).ToList();
            if (live.Count == records.Count)
            {
                for (var i = 0; i < live.Count; i++)
                {
                    if (!live[i].Hash.AsSpan().SequenceEqual(records[i].Hash))
                    {
                        return $"record {records[i].Position} differs from the live log's";
                    }
                }
                return null;
            }
            var archived = ArchivedSegments.List(store).FirstOrDefault(a => a.LastPosition == records[^1].Position);
            if (archived is null)
            {
                return $"records {records[0].Position}–{records[^1].Position} are neither in the live log nor a segment it archived";
            }
            return archived.HeadHash.AsSpan().SequenceEqual(records[^1].Hash) ? null : "its head differs from the head the log kept for the archived segment";
        }

        private HashSet<string> ManifestHashesInLog()
        {
            var hashes = new HashSet<string>(StringComparer.Ordinal);
            foreach (var record in ExportSource.Records(store, [LogKinds.Export], DateTimeOffset.MinValue, DateTimeOffset.MaxValue))
            {
                try
                {
                    if (System.Text.Json.JsonSerializer.Deserialize(record.Body, LogJson.Default.ExportBody) is { } body)
                    {
                        hashes.Add(body.ManifestSha256);
                    }
                }
                catch (System.Text.Json.JsonException)
                {
                    _notes.Add($"export record {record.Position} cannot be read");
                }
            }
            return hashes;
        }

        private MirrorProblem? CheckExport(string directory, List<string> files, HashSet<string> manifestHashes)
        {
            var manifestName = $"{directory}/{ExportManifest.FileName}{MirrorFile.Extension}";
            if (!files.Contains(manifestName))
            {
                return new MirrorProblem(directory, "has no manifest.json.bgm (an interrupted run sends the manifest last; run the mirror again)");
            }
            ExportManifest? manifest = null;
            if (Guarded(manifestName, () =>
            {
                var bytes = Open(manifestName);
                manifest = ExportManifest.Read(bytes);
                return manifestHashes.Contains(Convert.ToHexStringLower(SHA256.HashData(bytes)))
                    ? null
                    : "no export record of the log names this manifest";
            }) is { } bad)
            {
                return bad;
            }
            foreach (var listed in manifest!.Files)
            {
                var name = $"{directory}/{listed.Name}{MirrorFile.Extension}";
                if (!files.Contains(name))
                {
                    return new MirrorProblem(name, "is listed in its manifest but not in the mirror");
                }
                if (Guarded(name, () => Convert.ToHexStringLower(SHA256.HashData(Open(name))) == listed.Sha256
                    ? null
                    : "its SHA-256 differs from its manifest's") is { } problem)
                {
                    return problem;
                }
                _exportFiles++;
            }
            var extra = files.FirstOrDefault(f => f != manifestName && !manifest.Files.Any(l => f == $"{directory}/{l.Name}{MirrorFile.Extension}"));
            if (extra is not null)
            {
                return new MirrorProblem(extra, "is not listed in its export's manifest");
            }
            _exports++;
            _exportFiles++;
            return null;
        }
    }
}
