using System.Text.Json;

namespace BitGridAI.Storage.Mirror;

/// <summary>
/// <c>{data}/mirror-state.json</c>: per target (its full path), what was sent. The mirror is one-way: it learns what
/// a target holds only from this file, never by reading the target back, so each segment and export goes once.
/// </summary>
public sealed class MirrorState
{
    public const string FileName = "mirror-state.json";
    public const string CurrentFormat = "bitgrid-mirror-state/1";

    public string Format { get; set; } = CurrentFormat;

    public Dictionary<string, MirrorTargetState> Targets { get; set; } = new(StringComparer.Ordinal);

    public static string PathIn(string dataDir) => Path.Combine(dataDir, FileName);

    public static MirrorState Load(string dataDir)
    {
        var path = PathIn(dataDir);
        if (!File.Exists(path))
        {
            return new MirrorState();
        }
        try
        {
            var state = JsonSerializer.Deserialize(File.ReadAllBytes(path), MirrorStateJson.Default.MirrorState);
            return state is { Format: CurrentFormat } ? state
                : throw new StorageException($"{Path.GetFullPath(path)} is not a {CurrentFormat} file");
        }
        catch (JsonException e)
        {
            throw new StorageException($"{Path.GetFullPath(path)} cannot be read ({e.Message}); remove it to send everything again", e);
        }
    }

    public void Save(string dataDir) =>
        AtomicFile.Write(PathIn(dataDir), JsonSerializer.SerializeToUtf8Bytes(this, MirrorStateJson.Default.MirrorState));
}
