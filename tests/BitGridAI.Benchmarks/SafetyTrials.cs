using System.Diagnostics;
using BitGridAI.Domain.Config;
using BitGridAI.Domain.Decisions;
using BitGridAI.Domain.Signals;
using BitGridAI.Grains.Abstractions.Devices;
using BitGridAI.Grains.Abstractions.Messages;
using BitGridAI.Grains.Abstractions.Site;

namespace BitGridAI.Benchmarks;

/// <summary>
/// What both safety benchmarks do with their miner grains. Each trial has a grain of its own (a stopped,
/// locked-out miner has nothing left to stop). Every grain is activated with a normal, fresh temperature
/// before the first trial: the first safety stop activates the site grain, which wakes all its devices, and a
/// miner grain woken without a temperature is stopped by its watchdog a second later (R3, temperature
/// unknown) — a trial run after that would time a stop that left before it began.
/// </summary>
internal static class SafetyTrials
{
    private const double NormalC = 60;
    private const double OverTemperatureC = 92;

    public static SiteDefinition Site(string siteId, IEnumerable<string> minerIds) => new(
        siteId,
        [.. minerIds.Select(id => new DeviceDefinition(id, DeviceKind.Miner, RatedPowerW: 1674))],
        EngineConfig.Default,
        Autonomy.Full,
        Strategy.Surplus);

    public static Task PrepareAsync(IGrainFactory grains, IEnumerable<string> minerIds, TimeProvider clock) =>
        Task.WhenAll(minerIds.Select(id => grains.GetGrain<IMinerGrain>(id).ReportAsync(Sample(NormalC, clock))));

    /// <summary>
    /// A normal sample, then the over-temperature one; returns the Stopwatch timestamp taken just before the
    /// latter is handed to the grain, after checking that the stop the trial caused is the over-temperature one.
    /// </summary>
    public static async Task<long> RunAsync(IMinerGrain miner, TimeProvider clock)
    {
        await miner.ReportAsync(Sample(NormalC, clock));
        var start = Stopwatch.GetTimestamp();
        await miner.ReportAsync(Sample(OverTemperatureC, clock));
        var state = await miner.GetMinerStateAsync();
        if (state.SafetyStops != 1 || state.LastSafetyCode != nameof(DecisionCode.STOP_R3_OVERTEMP))
        {
            throw new InvalidOperationException($"{state.MinerId}: expected one over-temperature stop, the grain has {state}");
        }
        return start;
    }

    private static TelemetrySample Sample(double chipC, TimeProvider clock) => new(Signal.MinerTempC, chipC, clock.GetUtcNow());
}
