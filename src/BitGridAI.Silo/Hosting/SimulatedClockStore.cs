using BitGridAI.Storage;
using System.Globalization;
using System.Text.Json;

namespace BitGridAI.Silo.Hosting;

/// <summary>
/// Keeps the simulated site time in <c>{data}/sim-clock.json</c>, so a restart resumes where the last
/// run stopped and block ids never go backwards. The file also says whether the run stopped cleanly: after
/// a crash the stored time lags the clock's real last reading by up to <see cref="SaveInterval"/> × speed,
/// so the clock resumes a safety margin later (<see cref="Resume"/>) and no reading taken before the crash
/// can look younger than it is, or fresh when it is not.
/// </summary>
internal sealed class SimulatedClockStore(string dataDir)
{
    /// <summary>How often, in real time, a running silo saves its clock.</summary>
    public static readonly TimeSpan SaveInterval = TimeSpan.FromSeconds(2);

    private readonly string _path = Path.Combine(dataDir, "sim-clock.json");
    private DateTimeOffset? _saved;

    /// <summary>The stored site time, or null when there is none.</summary>
    public DateTimeOffset? Load() => Read()?.SiteTime;

    /// <summary>
    /// Where a restarted clock starts: the stored time after a clean stop; after a crash the stored time plus
    /// <see cref="CrashMargin"/>. Marks the file as "running" at once, so a crash before the first save resumes
    /// past everything this run could stamp too.
    /// </summary>
    public DateTimeOffset? Resume(double speed)
    {
        if (Read() is not { } stored)
        {
            return null;
        }
        var resumed = stored.Clean ? stored.SiteTime : stored.SiteTime + CrashMargin(speed);
        Write(resumed, clean: false);
        return resumed;
    }

    /// <summary>
    /// Site time a crashed run may have run past its last save (two save intervals, for a save that came
    /// late) plus the default maximum age of a reading (60 s): a temperature or a contact from before the
    /// crash has aged out when the clock resumes, so a miner runs again only on a new reading.
    /// </summary>
    public static TimeSpan CrashMargin(double speed) => (SaveInterval * 2 * speed) + TimeSpan.FromSeconds(60);

    /// <summary>Saves a running clock. Writes atomically: a crash mid-write leaves the previous time.</summary>
    public void Save(DateTimeOffset siteTime) => Save(siteTime, clean: false);

    /// <summary>Saves the clock at a clean stop: the next start resumes exactly here.</summary>
    public void SaveStopped(DateTimeOffset siteTime) => Save(siteTime, clean: true);

    private void Save(DateTimeOffset siteTime, bool clean)
    {
        if (_saved is { } stored && stored > siteTime)
        {
            return; // never backwards
        }
        Write(_saved is { } last && last > siteTime ? last : siteTime, clean);
    }

    private void Write(DateTimeOffset siteTime, bool clean)
    {
        AtomicFile.WriteAllText(_path, JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["site_time"] = siteTime.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
            ["clean"] = clean,
        }));
        _saved = siteTime;
    }

    private (DateTimeOffset SiteTime, bool Clean)? Read()
    {
        if (!File.Exists(_path))
        {
            return null;
        }
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(_path));
            var text = document.RootElement.GetProperty("site_time").GetString();
            // A file without the flag comes from a version that did not write one: treat it as a crash (the safe reading).
            var clean = document.RootElement.TryGetProperty("clean", out var flag) && flag.GetBoolean();
            _saved = DateTimeOffset.Parse(text!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
            return (_saved.Value, clean);
        }
        catch (Exception e) when (e is JsonException or FormatException or KeyNotFoundException or InvalidOperationException or ArgumentNullException)
        {
            throw new StartupException($"{_path} is damaged ({e.Message}); delete it to restart the simulated clock at Silo:SimulationStart");
        }
    }
}
