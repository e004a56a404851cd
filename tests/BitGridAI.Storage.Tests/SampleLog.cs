using System.Collections.Immutable;
using BitGridAI.Domain.Signals;
using BitGridAI.Grains.Abstractions.Messages;
using BitGridAI.Grains.Abstractions.Recording;
using BitGridAI.Storage.EventLog;

namespace BitGridAI.Storage.Tests;

/// <summary>
/// A site's event log as the recorder writes it: per 10-minute block a block record (a miner and an inverter with
/// their aggregates) and the miner's decision; plus an override, an autonomy change and a safety stop. The ids look
/// like real serials so a test can search the exports for them.
/// </summary>
internal static class SampleLog
{
    public const string Site = "home-site-7";
    public const string Miner = "antminer-s19-SN4711XZ";
    public const string Inverter = "inverter-SE7K-SN99812";
    public const string Operator = "alice.smith";
    public static readonly DateTimeOffset Start = new(2026, 6, 21, 8, 0, 0, TimeSpan.Zero);
    public static readonly string[] Ids = [Site, Miner, Inverter, Operator];

    public static EventLogStore Create(string dataDir) =>
        new(new SqliteDatabase(EventLogStore.PathIn(dataDir)));

    public static DateTimeOffset BlockEnd(int block) => Start.AddMinutes(10 * (block + 1));

    /// <summary>Appends <paramref name="blocks"/> blocks from <paramref name="firstBlock"/> on, each with its decision; events after the first.</summary>
    public static void AddBlocks(EventLogStore store, int blocks, int firstBlock = 0)
    {
        foreach (var batch in Batches(blocks, firstBlock))
        {
            store.Append(batch);
        }
    }

    /// <summary>The entries <see cref="AddBlocks"/> appends, one batch per block, for <paramref name="site"/>.</summary>
    public static IEnumerable<List<LogEntry>> Batches(int blocks, int firstBlock = 0, string site = Site)
    {
        for (var b = firstBlock; b < firstBlock + blocks; b++)
        {
            var end = BlockEnd(b);
            var blockId = end.AddMinutes(-10).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
            var entries = new List<LogEntry>
            {
                new(LogKinds.Block, site, end, $"block:{site}:{blockId}", LogJson.Write(new BlockBody(blockId, end.AddMinutes(-10), end,
                [
                    new DeviceWindow(Miner, [new WindowSummary(Signal.MinerTempC, 20, 61.5 + b, 64 + b, 62 + b, end.AddSeconds(-5))], end.AddSeconds(-5), 0),
                    new DeviceWindow(Inverter, [
                        new WindowSummary(Signal.PvPowerW, 60, 4100 + b, 4500, 4300, end.AddSeconds(-2)),
                        new WindowSummary(Signal.HouseLoadW, 60, 700, 900, 650, end.AddSeconds(-2))], end.AddSeconds(-2), b % 2),
                ], [b + 1], "cfg-hash-1"))),
                LogEntries.Of(Decision(b, blockId, end, site)),
            };
            if (b == firstBlock)
            {
                entries.Add(LogEntries.Of(site, end.AddMinutes(1), new OverrideBody("set", "STOP", 30, Operator, false, $"{Miner} is locked out", null)));
                entries.Add(LogEntries.Of(site, end.AddMinutes(2), new AutonomyBody(null, "SEMI", Operator)));
                entries.Add(LogEntries.Of(Decision(b, blockId, end.AddMinutes(3), site) with
                {
                    Sequence = 100_000 + b, // the site numbers a safety stop on its own
                    Trigger = "SAFETY_ASYNC", DecisionCode = "STOP_R3_OVERTEMP", Action = "STOP", Summary = $"{Miner} chip at 90 °C",
                }));
            }
            yield return entries;
        }
    }

    public static DecisionRecord Decision(int block, string blockId, DateTimeOffset at, string site = Site) => new(
        site, Miner, block + 1, blockId, "START_R1_SURPLUS", "START", "standard", "BLOCK", $"{Miner} starts on 3.4 kW surplus",
        ImmutableDictionary<string, double?>.Empty.Add("surplus_kw", 3.4).Add("surplus_min_kw", 1.5).Add("reserve", null),
        [], ["energy_price_ct_kwh"], null, null, at, at.AddMinutes(10))
    {
        ConfigHash = "cfg-hash-1",
        Inputs = new DecisionInputs(ImmutableDictionary<string, double>.Empty.Add("pv_power_w", 4200).Add("miner_temp_c", 62),
            [], at, "STOP", 3, "FULL", "surplus", null, null, false, false, 0, null, true, "BLOCK"),
    };
}
