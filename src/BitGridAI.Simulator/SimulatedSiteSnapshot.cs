using BitGridAI.Domain.Decisions;

namespace BitGridAI.Simulator;

/// <summary>
/// The simulated site's physical state at one step of site time, to carry it over a restart: the battery's
/// charge, the powers of that step and the energy counters (in <paramref name="Site"/>), the passing clouds, and
/// each miner's chip, mode and relay. What the site derives from its options (capacities, ratings) is not in it.
/// </summary>
public sealed record SimulatedSiteSnapshot(SimulatedSiteReading Site, SimulatedWeather Weather, IReadOnlyList<SimulatedMinerSnapshot> Miners)
{
    /// <summary>Chip temperatures outside this range are not a chip's, in °C: a snapshot holding one is damaged.</summary>
    public const double ColdestChipC = -50, HottestChipC = 200;

    /// <summary>No home site's power in W or energy counter in Wh comes near this: a snapshot beyond it is damaged.</summary>
    public const double AbsurdAmount = 1e12;

    /// <summary>What makes this snapshot impossible for a site (NaN, SoC outside 0–100, an absurd chip temperature …), or null.</summary>
    public string? Problem()
    {
        var site = Site;
        if (site is null || Weather is null || Miners is null)
        {
            return "the site, weather or miners are missing";
        }
        if (!double.IsFinite(site.SocPct) || site.SocPct is < 0 or > 100)
        {
            return $"battery SoC {site.SocPct} % is outside 0–100";
        }
        (string Name, double Value)[] counts =
        [
            ("PV power", site.PvW), ("house load", site.HouseW), ("grid import", site.ImportW), ("grid export", site.ExportW),
            ("PV energy", site.PvEnergyWh), ("imported energy", site.ImportedWh), ("exported energy", site.ExportedWh),
        ];
        foreach (var (name, value) in counts)
        {
            if (!double.IsFinite(value) || value is < 0 or > AbsurdAmount)
            {
                return $"{name} is {value}, outside 0–{AbsurdAmount:0e0}";
            }
        }
        if (!double.IsFinite(site.BatteryW) || Math.Abs(site.BatteryW) > AbsurdAmount)
        {
            return $"battery power is {site.BatteryW} W, outside ±{AbsurdAmount:0e0}";
        }
        return Weather.Problem() ?? MinersProblem();
    }

    private string? MinersProblem()
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var miner in Miners)
        {
            if (miner?.Id is null)
            {
                return "a miner without an id";
            }
            if (!ids.Add(miner.Id))
            {
                return $"miner '{miner.Id}' appears twice";
            }
            if (miner.Problem(Site.At) is { } problem)
            {
                return $"miner '{miner.Id}': {problem}";
            }
        }
        return null;
    }
}

/// <summary>The passing clouds: today's cover (0.1–1 of clear sky), the day it was drawn for (day of year, −1 before the first) and the day's cloudiness (0–1).</summary>
public sealed record SimulatedWeather(double Cloud, int CloudDay, double DayCloudiness)
{
    public string? Problem() =>
        !double.IsFinite(Cloud) || Cloud is < 0.1 or > 1 ? $"cloud cover {Cloud} is outside 0.1–1"
        : CloudDay is not (-1 or (>= 1 and <= 366)) ? $"cloud day {CloudDay} is not a day of the year"
        : !double.IsFinite(DayCloudiness) || DayCloudiness is < 0 or > 1 ? $"day cloudiness {DayCloudiness} is outside 0–1"
        : null;
}

/// <summary>
/// One miner's physical state: its mode, its chip temperature in °C, whether its relay has cut its power, since
/// when it mines (site time; null while stopped) and until when its fan is dead (null when it works).
/// </summary>
public sealed record SimulatedMinerSnapshot(string Id, MinerMode Mode, double ChipC, bool PowerCut, DateTimeOffset? MiningSince, DateTimeOffset? FanFailedUntil)
{
    public string? Problem(DateTimeOffset siteTime) =>
        !Enum.IsDefined(Mode) ? $"mode {(int)Mode} is not a miner mode"
        : !double.IsFinite(ChipC) || ChipC is < SimulatedSiteSnapshot.ColdestChipC or > SimulatedSiteSnapshot.HottestChipC
            ? $"chip temperature {ChipC} °C is outside {SimulatedSiteSnapshot.ColdestChipC}–{SimulatedSiteSnapshot.HottestChipC} °C"
        : PowerCut && Mode != MinerMode.None ? $"it mines ({Mode}) while its relay has cut its power"
        : (Mode == MinerMode.None) != (MiningSince is null) ? $"mode {Mode} does not agree with mining since {MiningSince:O}"
        // A miner started between two steps of site time mines since a little after the last one.
        : MiningSince > siteTime + SimulatedSite.Step ? $"it mines since {MiningSince:O}, after the snapshot's {siteTime:O}"
        : null;
}
