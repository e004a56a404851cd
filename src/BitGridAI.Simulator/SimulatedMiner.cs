using BitGridAI.Domain.Decisions;

namespace BitGridAI.Simulator;

/// <summary>One miner of the simulated site: its mode, its chip temperature, and the faults it suffers.</summary>
internal sealed class SimulatedMiner(SimulatedMinerOptions options, double ambientC)
{
    public SimulatedMinerOptions Options { get; } = options;

    public MinerMode Mode { get; private set; } = MinerMode.None;

    /// <summary>When the miner started mining (site time); null while it is stopped.</summary>
    public DateTimeOffset? MiningSince { get; private set; }

    /// <summary>Uptime counts from when mining starts (site time); a change between running modes keeps it going.</summary>
    public void SetMode(MinerMode mode, DateTimeOffset at)
    {
        if (mode == MinerMode.None)
        {
            MiningSince = null;
        }
        else if (Mode == MinerMode.None)
        {
            MiningSince = at;
        }
        Mode = mode;
    }

    /// <summary>A firmware clock setting scaling power and hashrate in every mode; 1 is the rating.</summary>
    public double ClockScale { get; set; } = 1;

    public double ChipC { get; private set; } = ambientC;

    public DateTimeOffset FanFailedUntil { get; set; } = DateTimeOffset.MinValue;

    public DateTimeOffset ContactLostUntil { get; set; } = DateTimeOffset.MinValue;

    public HashSet<string> CommandIds { get; } = [];

    /// <summary>The relay in the power line is open: no power, no answer.</summary>
    public bool PowerCut { get; set; }

    public double PowerW => ClockScale * Mode switch
    {
        MinerMode.Eco => Options.EcoPowerW,
        MinerMode.Standard => Options.StandardPowerW,
        MinerMode.Super => Options.SuperPowerW,
        _ => 0,
    };

    /// <summary>Hashrate in TH/s: the mode's configured figure, or in proportion to power where none is configured; scaled by the clock setting.</summary>
    public double HashrateThs => ClockScale * Mode switch
    {
        MinerMode.Eco => Options.EcoHashrateThs ?? Options.StandardHashrateThs * Options.EcoPowerW / Options.StandardPowerW,
        MinerMode.Standard => Options.StandardHashrateThs,
        MinerMode.Super => Options.SuperHashrateThs ?? Options.StandardHashrateThs * Options.SuperPowerW / Options.StandardPowerW,
        _ => 0,
    };

    /// <summary>The physical state at <paramref name="now"/> (a fan failure that has passed is none).</summary>
    public SimulatedMinerSnapshot Snapshot(DateTimeOffset now) =>
        new(Options.Id, Mode, ChipC, PowerCut, MiningSince, FanFailedUntil > now ? FanFailedUntil : null);

    /// <summary>Takes over a saved physical state; the firmware's clock setting and the contact stay as they are.</summary>
    public void Restore(SimulatedMinerSnapshot saved)
    {
        (Mode, MiningSince, ChipC, PowerCut) = (saved.Mode, saved.MiningSince, saved.ChipC, saved.PowerCut);
        FanFailedUntil = saved.FanFailedUntil ?? DateTimeOffset.MinValue;
    }

    /// <summary>First-order lag towards ambient + heat rise (proportional to power); a dead fan adds 40 K.</summary>
    public void Step(DateTimeOffset now, TimeSpan step, double ambientC)
    {
        var rise = Options.HeatRiseAtStandardK * PowerW / Options.StandardPowerW;
        var fan = now < FanFailedUntil && PowerW > 0 ? 40 : 0;
        var target = ambientC + rise + fan;
        ChipC += (target - ChipC) * (1 - Math.Exp(-step.TotalMinutes / Options.ThermalTimeConstantMin));
    }
}
