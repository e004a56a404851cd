using System.Globalization;
using System.Text.Json;

namespace BitGridAI.Silo.Hosting;

/// <summary>
/// Keeps the simulated site time in <c>{data}/sim-clock.json</c>, so a restart resumes where the last
/// run stopped and block ids never go backwards.
/// </summary>
internal sealed class SimulatedClockStore(string dataDir)
{
    private readonly string _path = Path.Combine(dataDir, "sim-clock.json");
    private DateTimeOffset? _saved;

    public DateTimeOffset? Load()
    {
        if (!File.Exists(_path))
        {
            return null;
        }
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(_path));
            var text = document.RootElement.GetProperty("site_time").GetString();
            _saved = DateTimeOffset.Parse(text!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
            return _saved;
        }
        catch (Exception e) when (e is JsonException or FormatException or KeyNotFoundException or InvalidOperationException or ArgumentNullException)
        {
            throw new StartupException($"{_path} is damaged ({e.Message}); delete it to restart the simulated clock at Silo:SimulationStart");
        }
    }

    /// <summary>Writes atomically (temp file, then rename): a crash mid-write leaves the previous time.</summary>
    public void Save(DateTimeOffset siteTime)
    {
        if (_saved is { } stored && stored >= siteTime)
        {
            return; // never backwards
        }
        Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
        var temp = _path + ".tmp";
        File.WriteAllText(temp, JsonSerializer.Serialize(new Dictionary<string, string>
        {
            ["site_time"] = siteTime.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
        }));
        File.Move(temp, _path, overwrite: true);
        _saved = siteTime;
    }
}
