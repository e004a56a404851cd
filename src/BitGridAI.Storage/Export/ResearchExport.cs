using System.Globalization;
using System.Security.Cryptography;
using BitGridAI.Grains.Abstractions.Recording;
using BitGridAI.Storage.EventLog;
using Parquet.Serialization;

namespace BitGridAI.Storage.Export;

/// <summary>
/// The research export: Parquet files of a time range of the log plus <c>manifest.json</c>, allowed only while the
/// research toggle is on. Files are written to a hidden temporary directory that is renamed once the manifest is
/// in, so a reader (or the mirror) never sees half an export; then an <c>export</c> record is appended.
/// </summary>
public static class ResearchExport
{
    public const string DirectoryPrefix = "export-";

    /// <exception cref="ResearchDisabledException">The research toggle is off.</exception>
    /// <exception cref="ArgumentException">The range is empty or backwards.</exception>
    /// <exception cref="StorageException">A record or archive cannot be read.</exception>
    public static async Task<ExportResult> RunAsync(EventLogStore store, ExportRequest request, TimeProvider time, CancellationToken cancellationToken = default)
    {
        RefuseUnlessEnabled(store);
        var now = time.GetUtcNow();
        var to = request.To ?? now;
        var from = request.From ?? ExportSource.Start(store) ?? to;
        if (from >= to)
        {
            throw new ArgumentException($"the range is empty: from ({LogTime.Format(from)}) must lie before to ({LogTime.Format(to)})");
        }
        var site = LogSite.Of(store);
        var (head, _) = store.Head();
        var tables = ExportTables.Read(ExportSource.Records(store, ExportTables.Kinds, from, to), request.Anonymise ? Pseudonyms.Random() : null);

        Directory.CreateDirectory(request.OutDir);
        var final = FreeName(request.OutDir, now);
        var staging = Path.Combine(request.OutDir, "." + Path.GetFileName(final) + ".tmp");
        Directory.CreateDirectory(staging);
        var files = new List<ExportFile>
        {
            await WriteAsync(staging, "blocks.parquet", tables.Blocks, cancellationToken),
            await WriteAsync(staging, "block_signals.parquet", tables.BlockSignals, cancellationToken),
            await WriteAsync(staging, "decisions.parquet", tables.Decisions, cancellationToken),
            await WriteAsync(staging, "events.parquet", tables.Events, cancellationToken),
        };
        // The site id is a name someone chose (often a place or a person's): an anonymised export leaves it out.
        var manifest = new ExportManifest(ExportManifest.CurrentVersion, request.Anonymise ? null : site, from, to, now,
            request.Anonymise, head, files);
        var manifestBytes = manifest.Write();
        AtomicFile.Write(Path.Combine(staging, ExportManifest.FileName), manifestBytes);
        Directory.Move(staging, final);

        var manifestSha = Convert.ToHexStringLower(SHA256.HashData(manifestBytes));
        store.Append([LogEntries.Of(site ?? "", now, new ExportBody(from, to, request.Anonymise, manifestSha, request.RequestedBy))]);
        return new ExportResult(final, manifest, manifestSha);
    }

    /// <summary>Throws <see cref="ResearchDisabledException"/> with who switched it off and when, unless the toggle is on.</summary>
    public static void RefuseUnlessEnabled(EventLogStore store)
    {
        var current = ResearchToggle.Current(store);
        if (current?.Enabled == true)
        {
            return;
        }
        throw new ResearchDisabledException(current is null
            ? "research export is off: the research toggle was never switched on for this site (turn it on with 'bitgrid research on')"
            : $"research export is off: the research toggle was switched off by {current.RequestedBy} at {current.At} (turn it on with 'bitgrid research on')");
    }

    /// <summary><c>export-20260301T081700Z</c>, with <c>-2</c>, <c>-3</c>… when two exports fall in the same second.</summary>
    private static string FreeName(string outDir, DateTimeOffset now)
    {
        var stem = DirectoryPrefix + now.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var path = Path.Combine(outDir, stem);
        for (var n = 2; Directory.Exists(path) || Directory.Exists(Path.Combine(outDir, "." + Path.GetFileName(path) + ".tmp")); n++)
        {
            path = Path.Combine(outDir, $"{stem}-{n}");
        }
        return path;
    }

    private static async Task<ExportFile> WriteAsync<T>(string directory, string name, List<T> rows, CancellationToken cancellationToken)
        where T : class, new()
    {
        var path = Path.Combine(directory, name);
        await using (var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write))
        {
            await ParquetSerializer.SerializeAsync(rows, stream, cancellationToken: cancellationToken);
            await stream.FlushAsync(cancellationToken);
            stream.Flush(flushToDisk: true);
        }
        var bytes = await File.ReadAllBytesAsync(path, cancellationToken);
        return new ExportFile(name, rows.Count, bytes.LongLength, Convert.ToHexStringLower(SHA256.HashData(bytes)));
    }
}
