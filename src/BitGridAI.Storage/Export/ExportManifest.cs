using System.Buffers;
using System.Text.Json;

namespace BitGridAI.Storage.Export;

/// <summary>One file of an export as its manifest lists it.</summary>
public sealed record ExportFile(string Name, long Rows, long Bytes, string Sha256);

/// <summary>
/// <c>manifest.json</c>: what an export holds and how to check it — written last, so a directory with a manifest is
/// complete, and hashed into the <c>export</c> record of the log, so the log vouches for the manifest and the
/// manifest for every file.
/// </summary>
public sealed record ExportManifest(
    int FormatVersion,
    string? Site,
    DateTimeOffset From,
    DateTimeOffset To,
    DateTimeOffset CreatedAt,
    bool Anonymised,
    long LogHeadPosition,
    IReadOnlyList<ExportFile> Files)
{
    public const string FileName = "manifest.json";
    public const string Format = "bitgrid-research-export";
    public const int CurrentVersion = 1;

    public byte[] Write()
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("format", Format);
            json.WriteNumber("format_version", FormatVersion);
            if (Site is null)
            {
                json.WriteNull("site");
            }
            else
            {
                json.WriteString("site", Site);
            }
            json.WriteString("from", From.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
            json.WriteString("to", To.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
            json.WriteString("created_at", CreatedAt.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
            json.WriteBoolean("anonymised", Anonymised);
            json.WriteNumber("log_head_position", LogHeadPosition);
            json.WriteStartArray("files");
            foreach (var file in Files)
            {
                json.WriteStartObject();
                json.WriteString("name", file.Name);
                json.WriteNumber("rows", file.Rows);
                json.WriteNumber("bytes", file.Bytes);
                json.WriteString("sha256", file.Sha256);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        buffer.Write("\n"u8);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Reads a manifest; anything else fails with a <see cref="FormatException"/> naming what is wrong.</summary>
    public static ExportManifest Read(ReadOnlySpan<byte> content)
    {
        try
        {
            var reader = new Utf8JsonReader(content);
            using var document = JsonDocument.ParseValue(ref reader);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("format", out var format) || format.ValueKind != JsonValueKind.String || format.GetString() != Format)
            {
                throw new FormatException($"not a {Format} manifest");
            }
            var files = root.GetProperty("files").EnumerateArray().Select(f => new ExportFile(
                f.GetProperty("name").GetString() ?? "",
                f.GetProperty("rows").GetInt64(),
                f.GetProperty("bytes").GetInt64(),
                f.GetProperty("sha256").GetString() ?? "")).ToList();
            return new ExportManifest(
                root.GetProperty("format_version").GetInt32(),
                root.GetProperty("site").ValueKind == JsonValueKind.Null ? null : root.GetProperty("site").GetString(),
                root.GetProperty("from").GetDateTimeOffset(),
                root.GetProperty("to").GetDateTimeOffset(),
                root.GetProperty("created_at").GetDateTimeOffset(),
                root.GetProperty("anonymised").GetBoolean(),
                root.GetProperty("log_head_position").GetInt64(),
                files);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new FormatException($"not a readable manifest: {e.Message}", e);
        }
    }
}
