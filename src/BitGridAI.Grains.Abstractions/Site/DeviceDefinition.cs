using BitGridAI.Domain.Decisions;
using BitGridAI.Domain.Signals;

namespace BitGridAI.Grains.Abstractions.Site;

/// <summary>
/// A device of a site. Miners are decided in <see cref="Priority"/> order (lower first), reserve the draw of
/// the mode they will run in (<see cref="DrawW"/>), and may name a <see cref="RelayId"/> that cuts their power
/// when their own API does not answer a safety stop. A miner model's own chip limits
/// (<see cref="MaxChipTempC"/>, <see cref="ResumeChipTempC"/>, from its template) apply where they are
/// stricter than the site's.
/// <see cref="RatedPowerW"/> is the draw in the standard mode, in W.
/// </summary>
public sealed record DeviceDefinition(string Id, DeviceKind Kind, double RatedPowerW = 0, int Priority = 0, string? RelayId = null)
{
    public double? MaxChipTempC { get; init; }

    /// <summary>Hashrate in the standard mode, in TH/s, from the template; KPIs estimate sats from it (0 = unknown).</summary>
    public double RatedHashrateThs { get; init; }

    public double? ResumeChipTempC { get; init; }

    /// <summary>Draw in the eco mode (THROTTLE), in W; null = the template names none.</summary>
    public double? EcoDrawW { get; init; }

    /// <summary>Draw in the super mode, in W; null = the template names none.</summary>
    public double? SuperDrawW { get; init; }

    /// <summary>
    /// What the miner draws in <paramref name="mode"/>, in W. A mode without a figure, or no known mode, counts at
    /// the largest draw the miner has: reserving too much leaves less surplus to later miners, never too little.
    /// </summary>
    public double DrawW(MinerMode mode) => mode switch
    {
        MinerMode.Eco when EcoDrawW is { } eco => eco,
        MinerMode.Standard => RatedPowerW,
        MinerMode.Super when SuperDrawW is { } super => super,
        _ => Math.Max(RatedPowerW, Math.Max(EcoDrawW ?? 0, SuperDrawW ?? 0)),
    };

    /// <summary>Where its readings come from: its driver's poll, or pushed over MQTT.</summary>
    public TelemetryChannel Channel { get; init; }

    /// <summary>For a pushed device, the signals its MQTT mapping carries; a pushed sample of any other signal is refused. Empty: none accepted.</summary>
    public IReadOnlyList<Signal> PushedSignals { get; init; } = [];
}
