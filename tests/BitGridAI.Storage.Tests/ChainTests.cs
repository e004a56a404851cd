using BitGridAI.Grains.Abstractions.Recording;
using BitGridAI.Storage.EventLog;
using Microsoft.Data.Sqlite;

namespace BitGridAI.Storage.Tests;

public sealed class ChainTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 6, 21, 5, 0, 0, TimeSpan.Zero);
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private EventLogStore NewStore() => new(new SqliteDatabase(EventLogStore.PathIn(_dir.Path)));

    internal static LogEntry Entry(int i, string? key = null) =>
        new(LogKinds.Override, "home", Start.AddMinutes(i), key, $"{{\"request\":\"set\",\"n\":{i}}}");

    private static void Execute(EventLogStore store, string sql)
    {
        using var connection = store.Database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    [Fact]
    public void AnAppendedLogVerifiesAndNamesItsHead()
    {
        var store = NewStore();
        store.Append([.. Enumerable.Range(0, 250).Select(i => Entry(i))]);
        store.Append([Entry(250)]);

        var report = ChainVerifier.Verify(store);

        Assert.True(report.Intact);
        Assert.Equal(251, report.Records);
        Assert.Equal(251, report.HeadPosition);
        Assert.Equal(Convert.ToHexStringLower(store.Head().Hash), report.HeadHash);
        Assert.Equal(Enumerable.Range(1, 251).Select(i => (long)i), store.Read().Select(r => r.Position));
    }

    [Fact]
    public void ARecordHeldUnderItsKeyIsNotAppendedTwiceAndDoesNotAdvanceTheChain()
    {
        var store = NewStore();
        var first = store.Append([Entry(0, "decision:a"), Entry(1, "decision:b")]);
        var again = store.Append([Entry(0, "decision:a"), Entry(2), Entry(1, "decision:b")]);

        Assert.Equal([true, true], first);
        Assert.Equal([false, true, false], again);
        Assert.Equal(3, store.Head().Position);
        Assert.True(ChainVerifier.Verify(store).Intact);
    }

    [Theory]
    [InlineData("UPDATE event_log SET body = '{}' WHERE position = 2", "cannot be changed")]
    [InlineData("DELETE FROM event_log WHERE position = 2", "only archived segments")]
    [InlineData("INSERT INTO event_log (position, kind, site_id, at, body, prev_hash, hash) VALUES (9, 'x', 'home', 'a', '{}', x'00', x'00')", "next position")]
    public void TriggersRefuseChangesDeletionsAndGaps(string sql, string message)
    {
        var store = NewStore();
        store.Append([Entry(0), Entry(1), Entry(2)]);

        var error = Assert.Throws<SqliteException>(() => Execute(store, sql));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.True(ChainVerifier.Verify(store).Intact);
    }

    /// <summary>Someone with the file drops the triggers and edits it: every kind of edit is found, at the right record.</summary>
    [Theory]
    [InlineData("UPDATE event_log SET body = replace(body, '\"n\":7', '\"n\":8') WHERE position = 8", 8, "content does not match")]
    [InlineData("UPDATE event_log SET at = '2030-01-01T00:00:00.0000000Z' WHERE position = 3", 3, "content does not match")]
    [InlineData("UPDATE event_log SET kind = 'decision' WHERE position = 5", 5, "content does not match")]
    [InlineData("DELETE FROM event_log WHERE position = 6", 7, "missing")]
    [InlineData("UPDATE event_log SET hash = zeroblob(32) WHERE position = 4", 4, "content does not match")]
    [InlineData("UPDATE event_log SET prev_hash = 'text' WHERE position = 9", 9, "wrong type")]
    [InlineData("UPDATE event_log SET kind = CAST(kind AS BLOB) WHERE position = 5", 5, "kind has the wrong type")]
    public void ATamperedRecordIsFoundEvenWithTheTriggersDropped(string tamper, long broken, string reason)
    {
        var store = NewStore();
        store.Append([.. Enumerable.Range(0, 12).Select(i => Entry(i))]);
        Execute(store, "DROP TRIGGER event_log_no_update; DROP TRIGGER event_log_no_delete;");

        Execute(store, tamper);
        var report = ChainVerifier.Verify(store);

        Assert.False(report.Intact);
        Assert.Equal(broken, report.FirstBreak!.Position);
        Assert.Contains(reason, report.FirstBreak.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void TwoSafetyStopsWithOneCodeInOneBlockAreTwoRecordsAndARepublishedOneIsHeldOnce()
    {
        var store = NewStore();
        var stop = new BitGridAI.Grains.Abstractions.Messages.DecisionRecord("home", "miner-1", 7, "2026-06-21T10:00:00Z", "STOP_R3_OVER_TEMP", "STOP",
            null, "SAFETY_ASYNC", "too hot", System.Collections.Immutable.ImmutableDictionary<string, double?>.Empty, [], [], null, null, Start, Start.AddMinutes(20));
        var again = stop with { Sequence = 8, DecidedAt = Start.AddMinutes(3) };

        var added = store.Append([LogEntries.Of(stop), LogEntries.Of(again), LogEntries.Of(stop)]);

        Assert.Equal([true, true, false], added);
    }

    [Fact]
    public void RetentionNeverOverwritesAnArchiveWrittenWithAnotherSegmentSize()
    {
        var store = NewStore();
        store.Append([.. Enumerable.Range(0, 35).Select(i => Entry(i))]);
        Assert.Equal(3, ArchivedSegments.Archive(store, 10, Start.AddDays(1), TimeProvider.System));
        var third = File.ReadAllBytes(Path.Combine(_dir.Path, "archive", "segment-00000003.jsonl"));
        store.Append([.. Enumerable.Range(35, 35).Select(i => Entry(i))]);

        // Segments of 15 would number positions 31–45 as segment 3 again.
        Assert.Throws<StorageException>(() => ArchivedSegments.Archive(store, 15, Start.AddDays(1), TimeProvider.System));

        Assert.Equal(third, File.ReadAllBytes(Path.Combine(_dir.Path, "archive", "segment-00000003.jsonl")));
        Assert.True(ChainVerifier.Verify(store).Intact);
        Assert.Equal(31, store.Read().First().Position);
    }

    [Fact]
    public void ARecordRehashedInPlaceIsFoundAtTheRecordAfterIt()
    {
        var store = NewStore();
        store.Append([.. Enumerable.Range(0, 5).Select(i => Entry(i))]);
        Execute(store, "DROP TRIGGER event_log_no_update;");
        var victim = store.Read(3, 3).Single();
        var forged = victim with { Body = "{\"request\":\"clear\"}" };
        using (var connection = store.Database.Open())
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "UPDATE event_log SET body = $body, hash = $hash WHERE position = 3";
            command.Parameters.AddWithValue("$body", forged.Body);
            command.Parameters.AddWithValue("$hash", forged.ExpectedHash());
            command.ExecuteNonQuery();
        }

        var report = ChainVerifier.Verify(store);

        Assert.Equal(4, report.FirstBreak!.Position);
        Assert.Contains("previous-hash", report.FirstBreak.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void TwoWritersOnOneFileExtendOneChain()
    {
        var a = NewStore();
        var b = NewStore();

        Parallel.For(0, 200, i => (i % 2 == 0 ? a : b).Append([Entry(i), Entry(i + 1000)]));

        var report = ChainVerifier.Verify(a);
        Assert.True(report.Intact, report.FirstBreak?.Reason);
        Assert.Equal(400, report.Records);
    }

    [Fact]
    public void RetentionArchivesWholeClosedSegmentsAndTheChainVerifiesAcrossThem()
    {
        var store = NewStore();
        store.Append([.. Enumerable.Range(0, 35).Select(i => Entry(i))]);
        var headBefore = store.Head();

        // Segments of 10: 1–10, 11–20, 21–30 are closed; 31–35 holds the head. Only those older than minute 25 go.
        var archived = ArchivedSegments.Archive(store, 10, Start.AddMinutes(25), TimeProvider.System);

        Assert.Equal(2, archived);
        Assert.Equal(21, store.Read().First().Position);
        Assert.True(File.Exists(Path.Combine(_dir.Path, "archive", "segment-00000001.jsonl")));
        Assert.Equal(headBefore.Position, store.Head().Position);
        var report = ChainVerifier.Verify(store);
        Assert.True(report.Intact, report.FirstBreak?.Reason);
        Assert.Equal(35, report.Records);
        Assert.Equal(2, report.ArchivedSegments);

        // Appending continues the chain after archiving, also when every live record has been archived.
        store.Append([Entry(99)]);
        Assert.Equal(36, store.Head().Position);
        Assert.True(ChainVerifier.Verify(store).Intact);
    }

    [Fact]
    public void AnArchivedSegmentChangedOnDiskIsFound()
    {
        var store = NewStore();
        store.Append([.. Enumerable.Range(0, 25).Select(i => Entry(i))]);
        ArchivedSegments.Archive(store, 10, Start.AddDays(1), TimeProvider.System);
        var file = Path.Combine(_dir.Path, "archive", "segment-00000002.jsonl");
        File.WriteAllText(file, File.ReadAllText(file).Replace("\\u0022n\\u0022:14", "\\u0022n\\u0022:41", StringComparison.Ordinal));

        var report = ChainVerifier.Verify(store);

        Assert.Equal(15, report.FirstBreak!.Position);
        Assert.Contains("segment-00000002", report.FirstBreak.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void AnArchiveFileMovedAwayIsANoteAndTheChainIsCheckedFromItsHead()
    {
        var store = NewStore();
        store.Append([.. Enumerable.Range(0, 25).Select(i => Entry(i))]);
        ArchivedSegments.Archive(store, 10, Start.AddDays(1), TimeProvider.System);
        File.Delete(Path.Combine(_dir.Path, "archive", "segment-00000001.jsonl"));

        var report = ChainVerifier.Verify(store);

        Assert.True(report.Intact);
        Assert.Equal(15, report.Records);
        Assert.Contains(report.Notes, n => n.Contains("segment 1", StringComparison.Ordinal));
    }
}
