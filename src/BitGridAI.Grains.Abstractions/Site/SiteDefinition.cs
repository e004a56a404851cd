using BitGridAI.Domain.Config;
using BitGridAI.Domain.Decisions;
using BitGridAI.Domain.Telemetry;

namespace BitGridAI.Grains.Abstractions.Site;

/// <summary>Everything the policy grain needs to know about its site, validated before the silo starts.</summary>
public sealed record SiteDefinition(
    string Id,
    IReadOnlyList<DeviceDefinition> Devices,
    EngineConfig Engine,
    Autonomy DefaultAutonomy,
    Strategy Strategy)
{
    public TelemetryFreshness Freshness { get; init; } = TelemetryFreshness.Default;

    public SiteEconomics Economics { get; init; } = SiteEconomics.Default;

    /// <summary>The house battery, when its size is configured (the simulated site's always is).</summary>
    public SiteBattery? Battery { get; init; }

    public IEnumerable<DeviceDefinition> Miners => Devices.Where(d => d.Kind == DeviceKind.Miner).OrderBy(d => d.Priority).ThenBy(d => d.Id, StringComparer.Ordinal);

    /// <summary>The site's thresholds with the miner's chip limits where they are stricter (RULES.md §6: R3 limits from its template).</summary>
    public EngineConfig EngineFor(DeviceDefinition miner) => miner.MaxChipTempC is null && miner.ResumeChipTempC is null
        ? Engine
        : Engine with
        {
            MaxChipTempC = Math.Min(Engine.MaxChipTempC, miner.MaxChipTempC ?? double.MaxValue),
            TResumeC = Math.Min(Engine.TResumeC, miner.ResumeChipTempC ?? double.MaxValue),
        };

    public IEnumerable<DeviceDefinition> Meters => Devices.Where(d => d.Kind != DeviceKind.Miner);
}
