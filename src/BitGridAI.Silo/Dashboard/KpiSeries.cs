namespace BitGridAI.Silo.Dashboard;

/// <summary>The two charts: 24 hourly bars and 7 daily bars, oldest first.</summary>
public sealed record KpiSeries(IReadOnlyList<KpiBar> Hours, IReadOnlyList<KpiBar> Days);
