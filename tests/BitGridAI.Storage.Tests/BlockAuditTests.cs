using BitGridAI.Grains.Abstractions.Recording;
using CsCheck;
using BitGridAI.Storage.EventLog;

namespace BitGridAI.Storage.Tests;

/// <summary>What `bitgrid db audit` and the failover test count: blocks between the first and the last without a record, blocks recorded or decided twice.</summary>
public sealed class BlockAuditTests
{
    /// <param name="blocks">Block offsets (× 10 minutes) with a block record, in log order.</param>
    /// <param name="decisions">Block offsets with one BLOCK_TICK decision of miner-1, in log order.</param>
    /// <param name="missing">Expected blocks without a record between the first and the last.</param>
    /// <param name="duplicate">Expected repeats.</param>
    [Theory]
    [InlineData(new[] { 0, 1, 2, 3 }, new[] { 0, 1, 2, 3 }, 0, 0)]
    [InlineData(new[] { 0, 1, 3 }, new[] { 0, 1, 3 }, 1, 0)]
    [InlineData(new[] { 0, 5 }, new[] { 0, 5 }, 4, 0)]
    [InlineData(new[] { 0, 1, 1, 2 }, new[] { 0, 1, 2 }, 0, 1)]
    [InlineData(new[] { 0, 1, 2 }, new[] { 0, 1, 1, 2 }, 0, 1)]
    [InlineData(new[] { 2, 0, 1 }, new[] { 2, 0, 1 }, 0, 0)]
    [InlineData(new int[0], new[] { 0, 0 }, 0, 1)]
    public void Counts_blocks_missing_between_first_and_last_and_blocks_or_decisions_repeated(int[] blocks, int[] decisions, int missing, int duplicate)
    {
        var records = blocks.Select(Block).Concat(decisions.Select(d => Decision(d, "BLOCK_TICK"))).ToList();
        var audit = BlockAudit.Of("home", records);
        Assert.Equal(blocks.Distinct().Count(), audit.Blocks);
        Assert.Equal(missing, audit.Missing);
        Assert.Equal(duplicate, audit.Duplicate);
        if (blocks.Length > 0)
        {
            Assert.Equal(Id(blocks.Min()), audit.FirstBlock);
            Assert.Equal(Id(blocks.Max()), audit.LastBlock);
        }
    }

    [Fact]
    public void Safety_stops_in_a_block_are_no_repeat_and_unreadable_bodies_are_skipped()
    {
        StoredRecord[] records =
        [
            Block(0), Decision(0, "BLOCK_TICK"), Decision(0, "SAFETY_ASYNC"), Decision(0, "SAFETY_ASYNC"),
            new(9, LogKinds.Decision, "home", "2026-06-21T10:00:00Z", null, "{not json", [], []),
            new(10, LogKinds.Block, "home", "2026-06-21T10:00:00Z", null, "[]", [], []),
        ];
        Assert.Equal(new BlockAuditResult("home", 1, 0, 0, Id(0), Id(0)), BlockAudit.Of("home", records));
    }

    /// <summary>Bodies read back from a database anyone may have written to: the audit counts what it can read and never throws.</summary>
    [Fact]
    public void Random_and_mutated_bodies_never_throw_and_never_count_an_unreadable_record()
    {
        var valid = Block(3).Body;
        var decision = Decision(3, "BLOCK_TICK").Body;
        Gen.Select(Gen.String, Gen.Int[0, valid.Length - 1], Gen.Char, Gen.Int[0, decision.Length - 1], Gen.Bool).Sample((noise, at, c, cut, asBlock) =>
        {
            var mutated = valid.Remove(at, 1).Insert(at, c.ToString());
            StoredRecord[] records =
            [
                new(1, asBlock ? LogKinds.Block : LogKinds.Decision, "home", "", null, noise, [], []),
                new(2, LogKinds.Block, "home", "", null, mutated, [], []),
                new(3, LogKinds.Decision, "home", "", null, decision[..cut], [], []),
            ];
            var audit = BlockAudit.Of("home", records);
            // At most the one mutated block record is readable; a cut decision never counts as a repeat.
            return audit.Blocks <= 2 && audit.Missing >= 0 && audit.Duplicate == 0;
        }, iter: 3000);
    }

    private static readonly DateTimeOffset Start = new(2026, 6, 21, 10, 0, 0, TimeSpan.Zero);

    private static string Id(int block) => Start.AddMinutes(10 * block).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);

    private static StoredRecord Block(int block) => new(block, LogKinds.Block, "home", Id(block), null,
        LogJson.Write(new BlockBody(Id(block), Start.AddMinutes(10 * block), Start.AddMinutes(10 * block + 10), [], [block + 1], "h")), [], []);

    private static StoredRecord Decision(int block, string trigger) => new(100 + block, trigger == "SAFETY_ASYNC" ? LogKinds.Safety : LogKinds.Decision, "home", Id(block), null,
        LogJson.Write(SampleLog.Decision(block, Id(block), Start.AddMinutes(10 * block)) with { Trigger = trigger }), [], []);
}
