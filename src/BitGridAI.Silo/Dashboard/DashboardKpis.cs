using System.Globalization;
using BitGridAI.Domain.Kpis;
using BitGridAI.Grains.Abstractions.Ports;
using BitGridAI.Silo.Hosting;

namespace BitGridAI.Silo.Dashboard;

/// <summary>
/// The dashboard's KPI charts from the recorded event log, as <c>/api/v1/kpis</c> computes them: PV, miner and
/// export energy per hour of the last 24 hours and per day of the last 7 days (site time). Empty periods stay in the
/// series as unmeasured, so the bars keep their places.
/// </summary>
internal sealed class DashboardKpis(SiteHistory log, SiteClock clock)
{
    /// <summary>Reads the log off the circuit's thread: a long log takes a moment.</summary>
    public Task<KpiSeries> LoadAsync() => Task.Run(Load);

    private KpiSeries Load()
    {
        var now = clock.Now;
        var hourStart = new DateTimeOffset(now.UtcDateTime.Date.AddHours(now.UtcDateTime.Hour), TimeSpan.Zero);
        var firstHour = hourStart.AddHours(-23);
        var firstDay = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero).AddDays(-6);
        var (rows, _) = KpiPeriods.Sum(log.Load(firstDay, null), perBlock: true);
        var blocks = rows.Select(r => (Start: DateTimeOffset.ParseExact(r.Period, "yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal), r.Kpis)).ToList();
        var hours = Enumerable.Range(0, 24).Select(i => firstHour.AddHours(i))
            .Select(h => Bar(h.ToString("HH", CultureInfo.InvariantCulture), blocks.Where(b => b.Start >= h && b.Start < h.AddHours(1)).Select(b => b.Kpis)));
        var days = Enumerable.Range(0, 7).Select(i => firstDay.AddDays(i))
            .Select(d => Bar(d.ToString("MM-dd", CultureInfo.InvariantCulture), blocks.Where(b => b.Start >= d && b.Start < d.AddDays(1)).Select(b => b.Kpis)));
        return new KpiSeries([.. hours], [.. days]);
    }

    private static KpiBar Bar(string label, IEnumerable<KpiTotals> blocks)
    {
        var list = blocks.ToList();
        return new KpiBar(label, Sum(list.Select(b => b.PvKwh)), Sum(list.Select(b => b.MinerKwh)), Sum(list.Select(b => b.ExportKwh)));
    }

    private static double? Sum(IEnumerable<double?> values)
    {
        var measured = values.Where(v => v is not null).ToList();
        return measured.Count == 0 ? null : measured.Sum();
    }
}
