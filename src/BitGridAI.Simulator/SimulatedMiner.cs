using BitGridAI.Domain.Decisions;

namespace BitGridAI.Simulator;

/// <summary>One miner of the simulated site: its mode, its chip temperature, and the faults it suffers.</summary>
internal sealed class SimulatedMiner(SimulatedMinerOptions options, double ambientC)
{
    public SimulatedMinerOptions Options { get; } = options;

    public MinerMode Mode { get; set; } = MinerMode.None;

    public double ChipC { get; private set; } = ambientC;

    public DateTimeOffset FanFailedUntil { get; set; } = DateTimeOffset.MinValue;

    public DateTimeOffset ContactLostUntil { get; set; } = DateTimeOffset.MinValue;

    public HashSet<string> CommandIds { get; } = [];

    /// <summary>The relay in the power line is open: no power, no answer.</summary>
    public bool PowerCut { get; set; }

    public double PowerW => Mode switch
    {
        MinerMode.Eco => Options.EcoPowerW,
        MinerMode.Standard => Options.StandardPowerW,
        MinerMode.Super => Options.SuperPowerW,
        _ => 0,
    };

    /// <summary>First-order lag towards ambient + heat rise (proportional to power); a dead fan adds 40 K.</summary>
    public void Step(DateTimeOffset now, TimeSpan step, double ambientC)
    {
        var rise = Options.HeatRiseAtStandardK * PowerW / Options.StandardPowerW;
        var fan = now < FanFailedUntil && PowerW > 0 ? 40 : 0;
        var target = ambientC + rise + fan;
        ChipC += (target - ChipC) * (1 - Math.Exp(-step.TotalMinutes / Options.ThermalTimeConstantMin));
    }
}
