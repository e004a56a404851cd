namespace BitGridAI.Simulator;

/// <summary>One simulated miner: power and hashrate per mode, and how its chip heats (defaults: an Avalon Q).</summary>
public sealed class SimulatedMinerOptions
{
    public string Id { get; set; } = "miner-1";

    /// <summary>A relay (smart plug) in the miner's power line, opened when the miner does not answer a safety stop; null for none.</summary>
    public string? RelayId { get; set; } = "plug-1";

    /// <summary>
    /// The firmware API the simulator serves for this miner: <c>cgminer</c> (Avalon-class, the cgminer family's
    /// TCP API with Avalon work modes and LuxOS curtailment) or <c>axeos</c> (Bitaxe-class, AxeOS HTTP).
    /// </summary>
    public string Api { get; set; } = MinerApis.Cgminer;

    /// <summary>The loopback port of that API; 0 picks a free one (see <c>SimulatorServers.ApiPortOf</c>).</summary>
    public int ApiPort { get; set; }

    /// <summary>Decided first when lower.</summary>
    public int Priority { get; set; }

    public double EcoPowerW { get; set; } = 800;
    public double StandardPowerW { get; set; } = 1674;
    public double SuperPowerW { get; set; } = 2000;
    public double StandardHashrateThs { get; set; } = 90;

    /// <summary>Chip temperature above ambient at standard power, in K; it scales with power.</summary>
    public double HeatRiseAtStandardK { get; set; } = 48;

    /// <summary>How fast the chip follows its power, in minutes (first-order lag).</summary>
    public double ThermalTimeConstantMin { get; set; } = 15;
}
