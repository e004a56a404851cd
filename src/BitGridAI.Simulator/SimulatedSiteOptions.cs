namespace BitGridAI.Simulator;

/// <summary>The simulated site (section <c>Simulator</c>): a 10 kWp PV plant, a 10 kWh battery and one Avalon-class miner by default.</summary>
public sealed class SimulatedSiteOptions
{
    public const string Section = "Simulator";

    /// <summary>
    /// On (the standalone configuration): the silo runs this simulated site on an accelerated clock and serves
    /// its devices on loopback. Off: the site's devices are real and site time is real time.
    /// </summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Same seed, same weather and faults.</summary>
    public int Seed { get; set; } = 1;

    public string InverterId { get; set; } = "pv-1";
    public string BatteryId { get; set; } = "battery-1";
    public string MeterId { get; set; } = "meter-1";

    public double PvPeakW { get; set; } = 10_000;
    public double BatteryCapacityWh { get; set; } = 10_000;
    public double MaxChargeW { get; set; } = 3_500;
    public double MaxDischargeW { get; set; } = 3_000;
    /// <summary>Charging efficiency (0–1]: energy stored per energy taken in.</summary>
    public double ChargeEfficiency { get; set; } = 0.95;
    public double InitialSocPct { get; set; } = 60;
    /// <summary>The battery management system stops discharging here.</summary>
    public double BatteryFloorPct { get; set; } = 8;
    public double HouseBaseLoadW { get; set; } = 350;
    public double AmbientC { get; set; } = 22;

    /// <summary>Random fan failures (the chip overheats while it runs) per simulated day; 0 for none.</summary>
    public double FanFailuresPerDay { get; set; } = 0.5;

    /// <summary>Random losses of contact with a miner per simulated day; 0 for none.</summary>
    public double CommLossesPerDay { get; set; } = 0.5;

    public List<SimulatedMinerOptions> Miners { get; set; } = [new()];

    /// <summary>The device protocols served on loopback for this site (section <c>Simulator:Protocols</c>).</summary>
    public SimulatedProtocolOptions Protocols { get; set; } = new();
}
