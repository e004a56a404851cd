namespace BitGridAI.Silo.Dashboard;

/// <summary>One period's energy in kWh (null: not measured in that period).</summary>
public sealed record KpiBar(string Label, double? PvKwh, double? MinerKwh, double? ExportKwh);
