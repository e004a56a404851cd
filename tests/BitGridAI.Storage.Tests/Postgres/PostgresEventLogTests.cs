using System.Globalization;
using System.Net;
using System.Net.Sockets;
using BitGridAI.Cli.Tests.Support;
using BitGridAI.Domain.Kpis;
using BitGridAI.Grains.Abstractions.Recording;
using BitGridAI.Storage.EventLog;
using BitGridAI.Storage.History;
using BitGridAI.Storage.Postgres;
using Npgsql;

namespace BitGridAI.Storage.Tests.Postgres;

/// <summary>
/// The event log in PostgreSQL (cluster mode): one hash chain per site, hashed exactly as <c>events.db</c> hashes, dedup
/// per site, two writers (two silos during a failover) extending one chain, triggers that refuse changes, a verifier
/// that finds what the triggers cannot stop, clear failures, and the same KPIs as from SQLite. Each test has its own
/// database on one private server.
/// </summary>
public sealed class PostgresEventLogTests(PrivatePostgres server) : IClassFixture<PrivatePostgres>, IDisposable
{
    private const string Site = SampleLog.Site;
    private const string OtherSite = "cabin-site-2";

    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task AppendedEntriesReadBackInOrderAndTheChainVerifiesToItsHead()
    {
        var log = await NewLogAsync();
        var entries = SampleLog.Batches(3).ToList();

        var added = new List<bool>();
        foreach (var batch in entries)
        {
            added.AddRange(await log.AppendAsync(batch, default));
        }

        var all = entries.SelectMany(b => b).ToList();
        Assert.Equal(Enumerable.Repeat(true, all.Count), added);
        var records = log.Read(Site).ToList();
        Assert.Equal(Enumerable.Range(1, all.Count).Select(p => (long)p), records.Select(r => r.Position));
        Assert.Equal(all.Select(e => (e.Kind, e.SiteId, LogTime.Format(e.At), e.DedupKey, e.Body)),
            records.Select(r => (r.Kind, r.SiteId, r.At, r.DedupKey, r.Body)));
        Assert.Equal(records.Skip(4).Select(r => r.Position), log.Read(Site, fromPosition: 5).Select(r => r.Position));
        var report = log.Verify(Site);
        Assert.Null(report.FirstBreak);
        Assert.Equal((9L, 9L, Convert.ToHexStringLower(records[^1].Hash)), (report.Records, report.HeadPosition, report.HeadHash));
        // The recorder's reads: the newest decisions (block and safety) oldest first, and their count.
        var recent = await log.RecentAsync(Site, 3, default);
        Assert.Equal([(100_000L, "STOP_R3_OVERTEMP"), (2L, "START_R1_SURPLUS"), (3L, "START_R1_SURPLUS")], recent.Select(d => (d.Sequence, d.DecisionCode)));
        Assert.Equal(4, await log.CountAsync(Site, default));
        Assert.Equal(0, await log.CountAsync(OtherSite, default));
        // By kind and time: [from, to) on the record's time, in position order.
        var decisions = log.Read(Site, [LogKinds.Decision, LogKinds.Safety], SampleLog.BlockEnd(0), SampleLog.BlockEnd(2)).ToList();
        Assert.Equal([(2L, "decision"), (5L, "safety"), (7L, "decision")], decisions.Select(r => (r.Position, r.Kind)));
        Assert.Equal([8L], log.Read(Site, [LogKinds.Block], SampleLog.BlockEnd(1).AddTicks(1), null).Select(r => r.Position));
        Assert.Equal([1L, 6L], log.Read(Site, [LogKinds.Block], null, SampleLog.BlockEnd(2)).Select(r => r.Position));
    }

    [Fact]
    public async Task EveryRecordIsHashedAsTheSqliteLogHashesTheSameEntryAtTheSamePosition()
    {
        var log = await NewLogAsync();
        var sqlite = SampleLog.Create(_dir.Path);

        foreach (var batch in SampleLog.Batches(4))
        {
            await log.AppendAsync(batch, default);
            sqlite.Append(batch);
        }

        var inPostgres = log.Read(Site).ToList();
        Assert.Equal(11, inPostgres.Count);
        Assert.Equal(sqlite.Read().Select(Row), inPostgres.Select(Row));
        Assert.Equal(Convert.ToHexStringLower(ChainHash.Genesis), Convert.ToHexStringLower(inPostgres[0].PrevHash));
        Assert.All(inPostgres, r => Assert.Equal(r.ExpectedHash(), r.Hash));
        Assert.Equal(ChainVerifier.Verify(sqlite).HeadHash, log.Verify(Site).HeadHash);
    }

    [Fact]
    public async Task AKeyHeldOnceIsNotAppendedAgainInTheSameBatchOrALaterOneAndDoesNotAdvanceTheChain()
    {
        var log = await NewLogAsync();

        var first = await log.AppendAsync([Entry("decision:a"), Entry("decision:a"), Entry("decision:b"), Entry(null)], default);
        var second = await log.AppendAsync([Entry("decision:b"), Entry("decision:c"), Entry("decision:a")], default);

        Assert.Equal([true, false, true, true], first);
        Assert.Equal([false, true, false], second);
        Assert.Equal([(1L, "decision:a"), (2L, "decision:b"), (3L, null), (4L, "decision:c")], log.Read(Site).Select(r => (r.Position, r.DedupKey)));
        Assert.Equal((4L, null), (log.Verify(Site).HeadPosition, log.Verify(Site).FirstBreak));
    }

    [Fact]
    public async Task TwoSitesHaveChainsOfTheirOwnEachAsTheSqliteLogWouldHashItAlone()
    {
        var log = await NewLogAsync();
        var here = SampleLog.Batches(2).ToList();
        var there = SampleLog.Batches(2, site: OtherSite).ToList();
        // A batch mixing both sites (the recorder writes one site per batch; the log must not care), then one each.
        var mixed = here[0].Zip(there[0], (a, b) => new[] { a, b }).SelectMany(p => p).ToList();

        var added = await log.AppendAsync(mixed, default);
        await log.AppendAsync(there[1], default);
        await log.AppendAsync(here[1], default);

        Assert.Equal(Enumerable.Repeat(true, 10), added);
        Assert.Equal([OtherSite, Site], log.Sites());
        foreach (var (site, batches) in new[] { (Site, here), (OtherSite, there) })
        {
            var records = log.Read(site).ToList();
            Assert.Equal(Enumerable.Range(1, 7).Select(p => (long)p), records.Select(r => r.Position));
            Assert.All(records, r => Assert.Equal(site, r.SiteId));
            // The SQLite log holding this site alone hashes the same records at the same positions.
            using var dir = new TempDir();
            var alone = SampleLog.Create(dir.Path);
            foreach (var batch in batches)
            {
                alone.Append(batch);
            }
            Assert.Equal(alone.Read().Select(Row), records.Select(Row));
            Assert.Equal((7L, null), (log.Verify(site).Records, log.Verify(site).FirstBreak));
            Assert.Equal(3, await log.CountAsync(site, default)); // two block decisions and the safety stop
        }
    }

    [Fact]
    public async Task ASameKeyInTwoSitesIsTwoRecordsOneInEachChain()
    {
        var log = await NewLogAsync();

        var added = await log.AppendAsync([Entry("config:abc"), Entry("config:abc", OtherSite), Entry("config:abc")], default);

        Assert.Equal([true, true, false], added);
        Assert.Equal([1L], log.Read(Site).Select(r => r.Position));
        Assert.Equal([1L], log.Read(OtherSite).Select(r => r.Position));
    }

    [Fact]
    public async Task TwoWritersOnOneSiteExtendOneChainWithoutGapsAndHoldEveryKeyOnce()
    {
        var connection = (await NewLogAsync()).Database.ConnectionString;
        // Two silos: two logs with pools of their own.
        var silos = new[]
        {
            new PostgresEventLog(new PostgresDatabase(connection + ";Application Name=silo-a")),
            new PostgresEventLog(new PostgresDatabase(connection + ";Application Name=silo-b")),
        };
        const int batches = 60;

        // Batch i holds the keys 2i … 2i+3 (each key in two batches, usually on both silos) and one entry without a key.
        var results = await Task.WhenAll(Enumerable.Range(0, batches).Select(i => Task.Run(async () =>
        {
            List<LogEntry> batch = [.. Enumerable.Range(2 * i, 4).Select(k => Entry($"decision:{Site}:{k}")), Entry(null)];
            return (Batch: batch, Added: await silos[i % 2].AppendAsync(batch, default));
        })));

        var keys = Enumerable.Range(0, 2 * (batches - 1) + 4).Select(k => $"decision:{Site}:{k}").ToList();
        var addedKeys = results.SelectMany(r => r.Batch.Zip(r.Added)).Where(p => p.Second).Select(p => p.First.DedupKey).ToList();
        Assert.Equal(keys.Order(StringComparer.Ordinal), addedKeys.OfType<string>().Order(StringComparer.Ordinal));
        Assert.Equal(batches, addedKeys.Count(k => k is null));
        var records = silos[1].Read(Site).ToList();
        Assert.Equal(Enumerable.Range(1, keys.Count + batches).Select(p => (long)p), records.Select(r => r.Position));
        Assert.Equal(keys.Order(StringComparer.Ordinal), records.Select(r => r.DedupKey).OfType<string>().Order(StringComparer.Ordinal));
        var report = silos[0].Verify(Site);
        Assert.Null(report.FirstBreak);
        Assert.Equal(keys.Count + batches, report.Records);
    }

    [Theory]
    [InlineData("UPDATE bitgrid_event_log SET body = '{}' WHERE position = 2", "event log: records are append-only and cannot be changed")]
    [InlineData("DELETE FROM bitgrid_event_log WHERE position = 3", "event log: records are append-only and cannot be deleted")]
    [InlineData("TRUNCATE bitgrid_event_log", "event log: records are append-only and cannot be deleted")]
    [InlineData("INSERT INTO bitgrid_event_log SELECT site_id, 6, kind, at, 'x', body, hash, hash FROM bitgrid_event_log WHERE position = 3",
        "event log: a record must continue the chain at the next position")]
    [InlineData("INSERT INTO bitgrid_event_log SELECT site_id, 2, kind, at, 'x', body, hash, hash FROM bitgrid_event_log WHERE position = 3",
        "event log: a record must continue the chain at the next position")]
    public async Task TriggersRefuseChangesDeletionsAndInsertsOffTheChainsEnd(string sql, string message)
    {
        var log = await NewLogAsync();
        await log.AppendAsync([Entry("a"), Entry("b"), Entry("c"), Entry("d")], default);

        var refused = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(log, sql));

        Assert.Equal(message, refused.MessageText);
        Assert.Equal((4L, null), (log.Verify(Site).Records, log.Verify(Site).FirstBreak));
    }

    [Theory]
    [InlineData("UPDATE bitgrid_event_log SET body = '{\"tampered\":1}' WHERE site_id = 'home-site-7' AND position = 2",
        2, "its content does not match its hash (the record was changed)")]
    [InlineData("DELETE FROM bitgrid_event_log WHERE site_id = 'home-site-7' AND position = 3", 4, "records 3–3 are missing")]
    [InlineData("UPDATE bitgrid_event_log SET site_id = 'cabin-site-2', position = 6 WHERE site_id = 'home-site-7' AND position = 5",
        6, "its previous-hash does not match the record before it (a record was changed, removed or inserted)")]
    public async Task ATamperedRecordIsFoundWithTheTriggersDroppedNamingItsPosition(string tamper, long position, string reason)
    {
        var log = await NewLogAsync();
        await log.AppendAsync([Entry("a"), Entry("b"), Entry("c"), Entry("d"), Entry("e"), Entry("x", OtherSite)], default);
        await log.AppendAsync([Entry("y", OtherSite), Entry("z", OtherSite), Entry("w", OtherSite), Entry("v", OtherSite)], default);

        await ExecuteAsync(log, "DROP TRIGGER bitgrid_event_log_no_update ON bitgrid_event_log; DROP TRIGGER bitgrid_event_log_no_delete ON bitgrid_event_log; "
            + "DROP TRIGGER bitgrid_event_log_appends_only_at_the_end ON bitgrid_event_log;");
        await ExecuteAsync(log, tamper);

        var report = tamper.Contains(OtherSite, StringComparison.Ordinal) ? log.Verify(OtherSite) : log.Verify(Site);
        Assert.Equal(new ChainBreak(position, reason), report.FirstBreak);
    }

    [Fact]
    public async Task AnUnreachableServerFailsEveryUseNamingHostAndPort()
    {
        var port = FreePort();
        var log = new PostgresEventLog(new PostgresDatabase($"Host=127.0.0.1;Port={port};Username=u;Database=d;Timeout=3"));
        var expected = $"PostgreSQL is unreachable at 127.0.0.1:{port}: connection refused (is PostgreSQL running and listening on that address?)";

        var append = await Assert.ThrowsAsync<PostgresUnreachableException>(async () => await log.AppendAsync([Entry("a")], default));
        var recent = await Assert.ThrowsAsync<PostgresUnreachableException>(async () => await log.RecentAsync(Site, 5, default));
        var count = await Assert.ThrowsAsync<PostgresUnreachableException>(async () => await log.CountAsync(Site, default));
        var read = Assert.Throws<PostgresUnreachableException>(() => log.Read(Site).ToList());
        var verify = Assert.Throws<PostgresUnreachableException>(() => log.Verify(Site));
        var sites = Assert.Throws<PostgresUnreachableException>(() => log.Sites());

        Assert.All(new[] { append, recent, count, read, verify, sites }, e => Assert.Equal((expected, $"127.0.0.1:{port}"), (e.Message, e.Endpoint)));
    }

    [Fact]
    public async Task ABatchPostgreSqlRefusesKeepsNothingAndNamesItsReason()
    {
        var log = await NewLogAsync();
        await log.AppendAsync([Entry("a")], default);

        // PostgreSQL text cannot hold a NUL character: the second entry fails, the first of the batch goes with it.
        var refused = await Assert.ThrowsAsync<StorageException>(async () => await log.AppendAsync([Entry("b"), Entry("c", body: "{\"x\":\"\0\"}")], default));
        var retried = await log.AppendAsync([Entry("b"), Entry("c")], default);

        Assert.Contains("refused: invalid byte sequence for encoding \"UTF8\": 0x00 (22021)", refused.Message, StringComparison.Ordinal);
        Assert.Equal([true, true], retried);
        Assert.Equal([(1L, "a"), (2L, "b"), (3L, "c")], log.Read(Site).Select(r => (r.Position, r.DedupKey)));
    }

    [Fact]
    public async Task ADatabaseWithoutTheScriptsAppliedIsAStorageExceptionNamingTheMissingTable()
    {
        var log = new PostgresEventLog(new PostgresDatabase(await NewDatabaseAsync()));

        var refused = await Assert.ThrowsAsync<StorageException>(async () => await log.AppendAsync([Entry("a")], default));

        Assert.EndsWith("refused: relation \"bitgrid_event_log\" does not exist (42P01)", refused.Message, StringComparison.Ordinal);
        Assert.StartsWith($"PostgreSQL at 127.0.0.1:{server.Port} (database '", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task KpisFromTheSitesPostgreSqlLogEqualKpisFromSqliteFedTheSameEntries()
    {
        var log = await NewLogAsync();
        var entries = SyntheticHistory.Entries(blocks: 2 * 144);
        var sqlite = SyntheticHistory.Create(_dir.Path, entries);
        foreach (var chunk in entries.Chunk(50))
        {
            await log.AppendAsync(chunk, default);
        }
        // Another site in the same table, whose records must not reach this site's history.
        foreach (var batch in SampleLog.Batches(3, site: OtherSite))
        {
            await log.AppendAsync(batch, default);
        }

        var fromSqlite = RecordedHistoryReader.Load(sqlite);
        var fromPostgres = RecordedHistoryReader.Load(log, SyntheticHistory.SiteId);

        Assert.Equal((288, 0), (fromPostgres.Blocks.Count, fromPostgres.SkippedRecords));
        Assert.Equal(fromSqlite.MinerIds, fromPostgres.MinerIds);
        var (rows, total) = KpiPeriods.Sum(fromPostgres, perBlock: false);
        var (sqliteRows, sqliteTotal) = KpiPeriods.Sum(fromSqlite, perBlock: false);
        Assert.Equal(sqliteRows.Select(r => (r.Period, Kpis(r.Kpis))), rows.Select(r => (r.Period, Kpis(r.Kpis))));
        Assert.Equal(Kpis(sqliteTotal), Kpis(total));
        Assert.True(total.MinerKwh > 0 && total.PvKwh > 0 && total.ActuatorChanges > 0, Kpis(total));
        // A range: the same blocks from both.
        var from = SyntheticHistory.Start.AddHours(20);
        var to = SyntheticHistory.Start.AddHours(30);
        var rangeSqlite = KpiPeriods.Sum(RecordedHistoryReader.Load(sqlite, from, to), perBlock: true);
        var rangePostgres = KpiPeriods.Sum(RecordedHistoryReader.Load(log, SyntheticHistory.SiteId, from, to), perBlock: true);
        Assert.Equal(60, rangePostgres.Rows.Count);
        Assert.Equal(rangeSqlite.Rows.Select(r => (r.Period, Kpis(r.Kpis))), rangePostgres.Rows.Select(r => (r.Period, Kpis(r.Kpis))));
    }

    private static string Kpis(KpiTotals k) => string.Create(CultureInfo.InvariantCulture,
        $"blocks={k.Blocks} pv={k.PvKwh:R} house={k.HouseKwh:R} import={k.ImportKwh:R} export={k.ExportKwh:R} miner={k.MinerKwh:R} sats={k.Sats:R} " +
        $"exportEur={k.ExportValueEur:R} miningEur={k.MiningValueEur:R} self={k.SelfConsumption:R} autarky={k.Autarky:R} satsPerKwh={k.SatsPerKwh:R} " +
        $"latency={k.LatencyMeanSec:R}/{k.LatencyMaxSec:R} changes={k.ActuatorChanges} thermal={k.ThermalStops} overrides={k.OverridesAccepted}/{k.OverridesRefused} " +
        $"partial={string.Join(",", k.PartialQuantities())}");

    private static string Row(StoredRecord r) =>
        $"{r.Position} {r.Kind} {r.SiteId} {r.At} {r.DedupKey ?? "<none>"} {r.Body} {Convert.ToHexStringLower(r.PrevHash)} {Convert.ToHexStringLower(r.Hash)}";

    private static LogEntry Entry(string? key, string site = Site, string body = "{\"n\":1}") =>
        new(LogKinds.Decision, site, SampleLog.Start, key, body);

    private async Task<string> NewDatabaseAsync() => await server.CreateDatabaseAsync();

    private async Task<PostgresEventLog> NewLogAsync()
    {
        var database = new PostgresDatabase(await NewDatabaseAsync());
        await database.ApplyAsync();
        return new PostgresEventLog(database);
    }

    private static async Task ExecuteAsync(PostgresEventLog log, string sql)
    {
        await using var connection = new NpgsqlConnection(log.Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
