using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using BitGridAI.Domain.Signals;
using BitGridAI.Grains.Abstractions.Recording;

namespace BitGridAI.Grains.Hosting;

/// <summary>
/// The silo's measurements, on one <see cref="Meter"/> named <see cref="MeterName"/> (exported as Prometheus text at
/// <c>/metrics</c>; each instrument is listed in docs/metrics.md). The grains call the methods here; tags are
/// strings the grains already hold (ids, codes), so a measurement on the sample path allocates nothing.
/// </summary>
public static class BitGridMetrics
{
    public const string MeterName = "BitGridAI";

    private static readonly Meter Meter = new(MeterName, typeof(BitGridMetrics).Assembly.GetName().Version?.ToString());

    /// <summary>The latest health of each device: 0 ok, 1 warn, 2 error (a device never seen is not listed).</summary>
    private static readonly ConcurrentDictionary<string, int> Health = new(StringComparer.Ordinal);

    private static readonly Histogram<double> DecisionDuration = Meter.CreateHistogram(
        "bitgrid.decision.duration", "ms", "Time a site takes to decide a block: close the device windows, run the engine, store the block, command the miners",
        tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [1, 2.5, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000] });

    // A safety STOP normally leaves well within a millisecond: the buckets start far below the default's first (5 ms).
    private static readonly Histogram<double> SafetyStopLatency = Meter.CreateHistogram(
        "bitgrid.safety.stop.latency", "ms", "From a miner grain's R3 evaluation to its STOP command handed to the miner's port",
        tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 25, 50, 100, 250, 1000] });

    private static readonly Counter<long> Samples = Meter.CreateCounter<long>(
        "bitgrid.telemetry.samples", "{sample}", "Telemetry samples a device grain received, by outcome (accepted or rejected)");

    private static readonly Counter<long> Decisions = Meter.CreateCounter<long>(
        "bitgrid.decisions", "{decision}", "Decisions written to the event log, by decision code");

    private static readonly Counter<long> SafetyStops = Meter.CreateCounter<long>(
        "bitgrid.safety.stops", "{stop}", "Safety stops (R3) a miner grain acted on, by miner and code");

    private static readonly Counter<long> Overrides = Meter.CreateCounter<long>(
        "bitgrid.overrides", "{request}", "Override requests, by request (set or clear) and result (accepted or refused)");

    private static readonly Counter<long> Commands = Meter.CreateCounter<long>(
        "bitgrid.commands.sent", "{command}", "Commands handed to a miner's port, by miner and action");

    private static readonly Counter<double> Energy = Meter.CreateCounter<double>(
        "bitgrid.energy", "Wh", "Energy of each recorded block by flow (pv, grid_import, grid_export, miners): the window means times the window's length");

    private static readonly Counter<long> Blocks = Meter.CreateCounter<long>(
        "bitgrid.blocks.recorded", "{block}", "Closed blocks written to the event log");

    static BitGridMetrics() =>
        Meter.CreateObservableGauge("bitgrid.device.health", ObserveHealth, null, "Each device's health: 0 ok, 1 warn, 2 error");

    /// <summary>A block decided by <paramref name="site"/>, started at <paramref name="startedAt"/> (a <see cref="Stopwatch"/> timestamp).</summary>
    public static void BlockDecided(string site, long startedAt) =>
        DecisionDuration.Record(Stopwatch.GetElapsedTime(startedAt).TotalMilliseconds, new KeyValuePair<string, object?>("site", site));

    /// <summary>A safety STOP reaches the port; <paramref name="evaluatedAt"/> is when R3 began its evaluation (a <see cref="Stopwatch"/> timestamp).</summary>
    public static void SafetyStopSent(string miner, long evaluatedAt) =>
        SafetyStopLatency.Record(Stopwatch.GetElapsedTime(evaluatedAt).TotalMilliseconds, new KeyValuePair<string, object?>("miner", miner));

    public static void SampleAccepted(string device) =>
        Samples.Add(1, new KeyValuePair<string, object?>("device", device), new KeyValuePair<string, object?>("outcome", "accepted"));

    public static void SampleRejected(string device) =>
        Samples.Add(1, new KeyValuePair<string, object?>("device", device), new KeyValuePair<string, object?>("outcome", "rejected"));

    /// <summary>A closed block in the event log: its energies by flow count into the KPI counters (docs/kpis.md computes the rest from the log).</summary>
    public static void BlockRecorded(BlockBody block)
    {
        Blocks.Add(1);
        var hours = (block.WindowEnd - block.WindowStart).TotalHours;
        if (!(hours > 0))
        {
            return;
        }
        foreach (var signal in block.Devices.SelectMany(d => d.Signals).Where(s => s.Count > 0 && double.IsFinite(s.Mean)))
        {
            var flow = signal.Signal switch
            {
                Signal.PvPowerW => "pv",
                Signal.GridImportW => "grid_import",
                Signal.GridExportW => "grid_export",
                Signal.MinerPowerW => "miners",
                _ => null,
            };
            if (flow is not null)
            {
                Energy.Add(signal.Mean * hours, new KeyValuePair<string, object?>("flow", flow));
            }
        }
    }

    public static void DecisionRecorded(string code) => Decisions.Add(1, new KeyValuePair<string, object?>("code", code));

    public static void SafetyStop(string miner, string code) =>
        SafetyStops.Add(1, new KeyValuePair<string, object?>("miner", miner), new KeyValuePair<string, object?>("code", code));

    /// <param name="request"><c>set</c> or <c>clear</c>.</param>
    /// <param name="accepted">Whether the override grain took it.</param>
    public static void Override(string request, bool accepted) =>
        Overrides.Add(1, new KeyValuePair<string, object?>("request", request), new KeyValuePair<string, object?>("result", accepted ? "accepted" : "refused"));

    public static void CommandSent(string miner, string action) =>
        Commands.Add(1, new KeyValuePair<string, object?>("miner", miner), new KeyValuePair<string, object?>("action", action));

    /// <summary>The device's health as its grain last worked it out: <c>ok</c>, <c>warn</c> or <c>error</c> (anything else counts as error).</summary>
    public static void DeviceHealth(string device, string health) =>
        Health[device] = health switch
        {
            "ok" => 0,
            "warn" => 1,
            _ => 2,
        };

    private static IEnumerable<Measurement<int>> ObserveHealth() =>
        Health.Select(h => new Measurement<int>(h.Value, new KeyValuePair<string, object?>("device", h.Key)));
}
