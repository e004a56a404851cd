namespace BitGridAI.Simulator;

/// <summary>
/// One simulated miner: its firmware, power and hashrate per mode, the firmware's name or setting for each mode, and
/// how its chip heats (defaults: an Avalon Q; the LuxOS profile names and AxeOS frequencies of the shipped templates).
/// </summary>
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

    /// <summary>
    /// With <see cref="Api"/> <c>cgminer</c>: the firmware that answers, <c>avalon</c> (work modes, soft off/on) or
    /// <c>luxos</c> (logon session, curtail sleep/wakeup, <c>profileset</c> by the profile names below, <c>power</c>).
    /// </summary>
    public string Firmware { get; set; } = MinerFirmwares.Avalon;

    /// <summary>The loopback port of that API; 0 picks a free one (see <c>SimulatorServers.ApiPortOf</c>).</summary>
    public int ApiPort { get; set; }

    /// <summary>Decided first when lower.</summary>
    public int Priority { get; set; }

    public double EcoPowerW { get; set; } = 800;
    public double StandardPowerW { get; set; } = 1674;
    public double SuperPowerW { get; set; } = 2000;
    public double StandardHashrateThs { get; set; } = 90;

    /// <summary>Hashrate in eco mode in TH/s; null: in proportion to power (slowed chips are a little more efficient, so a firmware's own figure is higher).</summary>
    public double? EcoHashrateThs { get; set; }

    /// <summary>Hashrate in super mode in TH/s; null: in proportion to power.</summary>
    public double? SuperHashrateThs { get; set; }

    /// <summary>LuxOS: the profile <c>profileset</c> takes for eco mode (as in the luxos-miner template).</summary>
    public string EcoProfile { get; set; } = "230MHz";

    /// <summary>LuxOS: the profile for standard mode.</summary>
    public string StandardProfile { get; set; } = "default";

    /// <summary>LuxOS: the profile for super mode.</summary>
    public string SuperProfile { get; set; } = "+1";

    /// <summary>AxeOS: the ASIC frequency of eco mode in MHz (as in the bitaxe template); the draw follows the frequency through the three modes' points.</summary>
    public int EcoFrequencyMhz { get; set; } = 400;

    /// <summary>AxeOS: the frequency of standard mode in MHz, the one the miner starts with.</summary>
    public int StandardFrequencyMhz { get; set; } = 525;

    /// <summary>AxeOS: the frequency of super mode in MHz.</summary>
    public int SuperFrequencyMhz { get; set; } = 600;

    /// <summary>Chip temperature above ambient at standard power, in K; it scales with power.</summary>
    public double HeatRiseAtStandardK { get; set; } = 48;

    /// <summary>How fast the chip follows its power, in minutes (first-order lag).</summary>
    public double ThermalTimeConstantMin { get; set; } = 15;
}
