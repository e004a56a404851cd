namespace BitGridAI.Simulator;

/// <summary>
/// The simulated site at one instant: powers in W (battery positive = discharging), energies since the site
/// started in Wh.
/// </summary>
public sealed record SimulatedSiteReading(
    DateTimeOffset At,
    double PvW,
    double PvEnergyWh,
    double HouseW,
    double SocPct,
    double BatteryW,
    double ImportW,
    double ExportW,
    double ImportedWh,
    double ExportedWh);
