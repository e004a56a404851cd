namespace BitGridAI.Domain.Physics;

/// <summary>The outcome of one battery step, in W and %.</summary>
/// <param name="SocPct">State of charge after the step.</param>
/// <param name="BatteryW">Battery power; positive = discharging, negative = charging.</param>
/// <param name="ImportW">Drawn from the grid.</param>
/// <param name="ExportW">Fed into the grid.</param>
public readonly record struct EnergyFlow(double SocPct, double BatteryW, double ImportW, double ExportW);
