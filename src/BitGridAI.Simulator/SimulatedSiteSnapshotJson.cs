using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace BitGridAI.Simulator;

/// <summary>
/// A <see cref="SimulatedSiteSnapshot"/> as JSON, under a format version: <c>{"format": 1, "snapshot": {…}}</c>
/// with snake_case names. Reading never throws: damaged, incomplete, impossible or unknown-format text gives the
/// reason instead, so whoever loads it can start the site fresh and say why.
/// </summary>
public static class SimulatedSiteSnapshotJson
{
    /// <summary>The format this version writes and the only one it reads; a change of shape or meaning counts it up.</summary>
    public const int FormatVersion = 1;

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false) },
        // A missing value or a null where the record has none is damage, not a zero.
        RespectRequiredConstructorParameters = true,
        RespectNullableAnnotations = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        WriteIndented = true,
    };

    public static string Write(SimulatedSiteSnapshot snapshot) => JsonSerializer.Serialize(new Envelope(FormatVersion, snapshot), Json);

    public static bool TryRead(string json, [NotNullWhen(true)] out SimulatedSiteSnapshot? snapshot, [NotNullWhen(false)] out string? problem)
    {
        snapshot = null;
        try
        {
            // The version first, so a file of another format is named as such rather than as damaged.
            using (var document = JsonDocument.Parse(json))
            {
                if (document.RootElement.ValueKind != JsonValueKind.Object
                    || !document.RootElement.TryGetProperty("format", out var format)
                    || format.ValueKind != JsonValueKind.Number
                    || !format.TryGetInt32(out var version))
                {
                    problem = "it has no format version";
                    return false;
                }
                if (version != FormatVersion)
                {
                    problem = $"it is in format {version}; this version reads format {FormatVersion}";
                    return false;
                }
            }
            var read = JsonSerializer.Deserialize<Envelope>(json, Json)?.Snapshot;
            if (read is null)
            {
                problem = "it holds no snapshot";
                return false;
            }
            if (read.Problem() is { } impossible)
            {
                problem = impossible;
                return false;
            }
            (snapshot, problem) = (read, null);
            return true;
        }
        catch (JsonException e)
        {
            problem = $"it is not a readable snapshot ({e.Message})";
            return false;
        }
    }

    private sealed record Envelope(int Format, SimulatedSiteSnapshot Snapshot);
}
