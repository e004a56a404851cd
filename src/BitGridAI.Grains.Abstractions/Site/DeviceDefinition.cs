using BitGridAI.Domain.Signals;

namespace BitGridAI.Grains.Abstractions.Site;

/// <summary>
/// A device of a site. Miners are decided in <see cref="Priority"/> order (lower first), reserve
/// <see cref="RatedPowerW"/> when they run, and may name a <see cref="RelayId"/> that cuts their power
/// when their own API does not answer a safety stop. A miner model's own chip limits
/// (<see cref="MaxChipTempC"/>, <see cref="ResumeChipTempC"/>, from its template) apply where they are
/// stricter than the site's.
/// </summary>
public sealed record DeviceDefinition(string Id, DeviceKind Kind, double RatedPowerW = 0, int Priority = 0, string? RelayId = null)
{
    public double? MaxChipTempC { get; init; }

    public double? ResumeChipTempC { get; init; }

    /// <summary>Where its readings come from: its driver's poll, or pushed over MQTT.</summary>
    public TelemetryChannel Channel { get; init; }

    /// <summary>For a pushed device, the signals its MQTT mapping carries; a pushed sample of any other signal is refused. Empty: not restricted.</summary>
    public IReadOnlyList<Signal> PushedSignals { get; init; } = [];
}
