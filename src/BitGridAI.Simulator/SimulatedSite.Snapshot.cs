using System.Diagnostics.CodeAnalysis;

namespace BitGridAI.Simulator;

/// <summary>The site's physical state taken and put back, so a restarted silo continues the same day with the same battery and chips.</summary>
public sealed partial class SimulatedSite
{
    /// <summary>
    /// How far behind the site clock a snapshot may be. A restart after a crash resumes the clock up to a few
    /// hours of site time past the last save (see the silo's clock store); an older snapshot belongs to another
    /// run (the clock file was replaced), and restoring it would not continue a day.
    /// </summary>
    public static readonly TimeSpan MaxRestoreGap = TimeSpan.FromDays(1);

    /// <summary>The physical state, brought up to now, at the last step of site time.</summary>
    public SimulatedSiteSnapshot Snapshot()
    {
        lock (_gate)
        {
            AdvanceTo(_time.GetUtcNow());
            return new SimulatedSiteSnapshot(
                new SimulatedSiteReading(_simTime, PvW, PvEnergyWh, HouseW, SocPct, BatteryW, ImportW, ExportW, ImportedWh, ExportedWh),
                new SimulatedWeather(_cloud, _cloudDay, _dayCloudiness),
                [.. _miners.Values.Select(m => m.Snapshot(_simTime))]);
        }
    }

    /// <summary>
    /// Takes over a snapshot's physical state, before the site is served (no change is announced); the site
    /// then catches up step by step from the snapshot's time to the clock's, as if it had run on. Miners the
    /// snapshot does not know keep their fresh state; miners this site does not have are left out. An impossible
    /// snapshot, one from after the site clock (the clock file was deleted or replaced) or one more than
    /// <see cref="MaxRestoreGap"/> behind it changes nothing and gives the reason.
    /// </summary>
    public bool TryRestore(SimulatedSiteSnapshot snapshot, [NotNullWhen(false)] out string? problem)
    {
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            problem = snapshot.Problem() ?? (snapshot.Site.At > now
                ? $"it was saved at site time {snapshot.Site.At:O}, after the simulated clock's {now:O}"
                : now - snapshot.Site.At > MaxRestoreGap
                    ? $"it was saved at site time {snapshot.Site.At:O}, more than {MaxRestoreGap.TotalHours:0} h before the simulated clock's {now:O}"
                    : null);
            if (problem is not null)
            {
                return false;
            }
            var site = snapshot.Site;
            _simTime = site.At;
            (SocPct, PvW, HouseW, BatteryW, ImportW, ExportW) = (site.SocPct, site.PvW, site.HouseW, site.BatteryW, site.ImportW, site.ExportW);
            (PvEnergyWh, ImportedWh, ExportedWh) = (site.PvEnergyWh, site.ImportedWh, site.ExportedWh);
            (_cloud, _cloudDay, _dayCloudiness) = (snapshot.Weather.Cloud, snapshot.Weather.CloudDay, snapshot.Weather.DayCloudiness);
            // Drawn from the seed and the saved step, so the same snapshot gives the same future, and a restart
            // does not replay the first run's clouds and faults from the top.
            _random = new Random(unchecked((_options.Seed * 397) ^ (int)(site.At.ToUnixTimeSeconds() / (long)Step.TotalSeconds)));
            foreach (var saved in snapshot.Miners)
            {
                _miners.GetValueOrDefault(saved.Id)?.Restore(saved);
            }
            return true;
        }
    }
}
