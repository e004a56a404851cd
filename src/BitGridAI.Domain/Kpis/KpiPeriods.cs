using System.Globalization;
using BitGridAI.Domain.History;
using BitGridAI.Domain.Time;

namespace BitGridAI.Domain.Kpis;

/// <summary>The recorded KPIs summed per block or per UTC day, in time order, with the total over all of them.</summary>
public static class KpiPeriods
{
    public static (IReadOnlyList<(string Period, KpiTotals Kpis)> Rows, KpiTotals Total) Sum(RecordedHistory history, bool perBlock)
    {
        var rows = new List<(string Period, KpiTotals Kpis)>();
        var total = new KpiTotals();
        var kpis = new RecordedKpis(history.MinerIds.Count);
        foreach (var block in history.Blocks)
        {
            var blockKpis = kpis.Of(block);
            var period = perBlock
                ? BlockClock.IdOf(block.BlockIndex)
                : BlockClock.StartOf(block.BlockIndex).UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            if (rows.Count == 0 || rows[^1].Period != period)
            {
                rows.Add((period, new KpiTotals()));
            }
            rows[^1].Kpis.Add(blockKpis);
            total.Add(blockKpis);
        }
        return (rows, total);
    }
}
