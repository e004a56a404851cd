using BitGridAI.Storage;
using BitGridAI.Simulator;

namespace BitGridAI.Silo.Hosting;

/// <summary>
/// Keeps the simulated site's physical state — battery SoC, chip temperatures, modes and relays, energy
/// counters, clouds — in <c>{data}/sim-site.json</c>, so a restart continues the same day with the same battery
/// instead of a fresh one, and the devices' energy counters never go backwards. A file it cannot use (damaged,
/// another format, impossible values) never stops the silo: the site starts fresh, and one warning names the file
/// and what is wrong with it.
/// </summary>
internal sealed partial class SimulatedSiteStore(string dataDir, ILogger<SimulatedSiteStore> logger)
{
    public const string FileName = "sim-site.json";

    private readonly string _path = Path.Combine(dataDir, FileName);

    /// <summary>Writes atomically: a crash mid-write leaves the previous state.</summary>
    public void Save(SimulatedSiteSnapshot snapshot) => AtomicFile.WriteAllText(_path, SimulatedSiteSnapshotJson.Write(snapshot));

    /// <summary>Puts the stored state into the site; false when there is none to use (a first start, or a file it rejects).</summary>
    public bool RestoreInto(SimulatedSite site)
    {
        string json;
        try
        {
            if (!File.Exists(_path))
            {
                return false;
            }
            json = File.ReadAllText(_path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Reject($"it cannot be read ({e.Message})");
            return false;
        }
        if (SimulatedSiteSnapshotJson.TryRead(json, out var snapshot, out var problem) && site.TryRestore(snapshot, out problem))
        {
            Resumed(logger, _path, snapshot.Site.SocPct, snapshot.Site.At);
            return true;
        }
        Reject(problem);
        return false;
    }

    private void Reject(string problem) => Rejected(logger, _path, problem);

    [LoggerMessage(Level = LogLevel.Information, Message = "Simulated site resumed from {File}: battery at {SocPct:0.0} % at site time {SiteTime:O}")]
    private static partial void Resumed(ILogger logger, string file, double socPct, DateTimeOffset siteTime);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{File} is not used: {Problem}. The simulated site starts fresh (battery at Simulator:InitialSocPct, miners stopped and cool); the file is overwritten at the next save")]
    private static partial void Rejected(ILogger logger, string file, string problem);
}
