using System.Text.RegularExpressions;
using BitGridAI.Grains.Abstractions.Devices;
using BitGridAI.Grains.Abstractions.Site;
using BitGridAI.Grains.Hosting;

namespace BitGridAI.Silo.Control;

/// <summary>
/// The grain-state inspector: which grains are active where (Orleans' management grain), and the state of one as a
/// person reads it — through each grain's own read methods, so inspecting never changes what a grain holds.
/// </summary>
public sealed partial class GrainInspector(IGrainFactory grains, SiteDefinition site)
{
    /// <summary>The grain types a person may inspect, as Orleans names them (class name without "Grain", lower case).</summary>
    public static IReadOnlyList<string> Types { get; } =
        ["site", "override", "recorder", "explanation", "schedulerblock", "pvinverter", "battery", "gridmeter", "miner"];

    public async Task<IReadOnlyList<GrainTypeView>> ListAsync()
    {
        var statistics = await grains.GetGrain<IManagementGrain>(0).GetDetailedGrainStatistics();
        var active = statistics
            .Select(s => new GrainActivation(s.GrainId.Type.ToString()!, s.GrainId.Key.ToString()!, s.SiloAddress.ToString()))
            .Where(a => Types.Contains(a.Type))
            .ToLookup(a => a.Type);
        return [.. Types.Select(type => new GrainTypeView(type, active[type].Count(),
            [.. active[type].OrderBy(a => a.Key, StringComparer.Ordinal)]))];
    }

    /// <summary>The grain's state, or null when there is no such grain (unknown type, a key this site does not have, a block never decided).</summary>
    public async Task<object?> StateAsync(string type, string key)
    {
        var device = site.Devices.FirstOrDefault(d => d.Id == key);
        return type switch
        {
            "site" when key == site.Id => await grains.GetGrain<ISiteGrain>(key).GetStatusAsync(),
            "override" when key == site.Id => new
            {
                Active = await grains.GetGrain<IOverrideGrain>(key).GetAllActiveAsync(),
                Audit = (await grains.GetGrain<IOverrideGrain>(key).GetAuditAsync()).TakeLast(50),
            },
            "recorder" when key == site.Id => new
            {
                Health = await grains.GetGrain<IRecorderGrain>(key).GetHealthAsync(),
                Decisions = await grains.GetGrain<IRecorderGrain>(key).GetCountAsync(),
                Recent = await grains.GetGrain<IRecorderGrain>(key).GetRecentAsync(5),
            },
            "explanation" when key == site.Id => await grains.GetGrain<IExplanationGrain>(key).GetRecentAsync(10),
            "schedulerblock" when BlockKey().IsMatch(key) && key.StartsWith(site.Id + "/", StringComparison.Ordinal) =>
                await grains.GetGrain<ISchedulerBlockGrain>(key).GetRecordAsync(),
            "miner" when device?.Kind == DeviceKind.Miner => new
            {
                Miner = await grains.GetGrain<IMinerGrain>(key).GetMinerStateAsync(),
                Device = await grains.GetGrain<IMinerGrain>(key).GetStatusAsync(),
            },
            "pvinverter" when device?.Kind == DeviceKind.PvInverter => await DeviceGrains.Of(grains, device).GetStatusAsync(),
            "battery" when device?.Kind == DeviceKind.Battery => await DeviceGrains.Of(grains, device).GetStatusAsync(),
            "gridmeter" when device?.Kind == DeviceKind.GridMeter => await DeviceGrains.Of(grains, device).GetStatusAsync(),
            _ => null,
        };
    }

    [GeneratedRegex(@"^[^/]+/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:00Z$")]
    private static partial Regex BlockKey();
}
