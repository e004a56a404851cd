using System.Text.Json;
using BitGridAI.Grains.Abstractions.Messages;
using BitGridAI.Grains.Abstractions.Ports;
using BitGridAI.Grains.Abstractions.Recording;
using BitGridAI.Storage.EventLog;
using Npgsql;
using NpgsqlTypes;

namespace BitGridAI.Storage.Postgres;

/// <summary>
/// The recorder's port onto the hash-chained event log in PostgreSQL (<c>bitgrid_event_log</c>, cluster mode): one
/// chain per site, positions 1, 2, 3 … of that site, hashed as in <c>events.db</c> (<see cref="ChainAppender"/>). An
/// append is one transaction that first takes the site's advisory lock, so two recorder activations of one site on
/// two silos (a failover) extend one chain one after the other and hold each dedup key once. A server that does not
/// answer is <see cref="PostgresUnreachableException"/> (the recorder keeps the batch and retries); any other refusal
/// a <see cref="StorageException"/> with PostgreSQL's reason. Nothing of a failed batch is kept.
/// </summary>
public sealed class PostgresEventLog(PostgresDatabase database) : IEventLog
{
    private const string Columns = "position, kind, site_id, at, dedup_key, body, prev_hash, hash";

    public PostgresDatabase Database => database;

    public async ValueTask<IReadOnlyList<bool>> AppendAsync(IReadOnlyList<LogEntry> entries, CancellationToken cancellationToken)
    {
        var added = new bool[entries.Count];
        if (entries.Count == 0)
        {
            return added;
        }
        var chains = new Dictionary<string, ChainAppender>(StringComparer.Ordinal);
        try
        {
            await using var connection = await OpenAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            // Locks in one order (ordinal site ids), so two batches spanning the same sites cannot deadlock.
            foreach (var site in entries.Select(e => e.SiteId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
            {
                chains[site] = await LockHeadAsync(connection, transaction, site, cancellationToken);
            }
            await using var insert = new NpgsqlCommand($"""
                INSERT INTO bitgrid_event_log ({Columns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
                ON CONFLICT (site_id, dedup_key) DO NOTHING;
                """, connection, transaction);
            for (var i = 0; i < entries.Count; i++)
            {
                var entry = entries[i];
                var chain = chains[entry.SiteId];
                chain.Link(entry);
                insert.Parameters.Clear();
                insert.Parameters.Add(new NpgsqlParameter<long> { TypedValue = chain.NextPosition });
                insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = entry.Kind });
                insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = entry.SiteId });
                insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = chain.At });
                insert.Parameters.Add(new NpgsqlParameter { Value = (object?)entry.DedupKey ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
                insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = entry.Body });
                insert.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = chain.Hash.ToArray() });
                insert.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = chain.NextHash.ToArray() });
                if (await insert.ExecuteNonQueryAsync(cancellationToken) == 1)
                {
                    chain.Advance();
                    added[i] = true;
                }
            }
            await transaction.CommitAsync(cancellationToken);
            return added;
        }
        catch (Exception e) when (database.Failure(e, cancellationToken) is { } failure)
        {
            throw failure;
        }
        finally
        {
            foreach (var chain in chains.Values)
            {
                chain.Dispose();
            }
        }
    }

    /// <summary>Takes <paramref name="siteId"/>'s writer lock for the transaction and reads its head: a chain appender on it.</summary>
    private static async Task<ChainAppender> LockHeadAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string siteId, CancellationToken cancellationToken)
    {
        await using (var guard = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtextextended('bitgrid_event_log:' || $1, 0));", connection, transaction))
        {
            guard.Parameters.Add(new NpgsqlParameter<string> { TypedValue = siteId });
            await guard.ExecuteNonQueryAsync(cancellationToken);
        }
        // Read committed: this statement sees every append committed before the lock was granted.
        await using var head = new NpgsqlCommand(
            "SELECT position, hash FROM bitgrid_event_log WHERE site_id = $1 ORDER BY position DESC LIMIT 1;", connection, transaction);
        head.Parameters.Add(new NpgsqlParameter<string> { TypedValue = siteId });
        await using var reader = await head.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new ChainAppender(reader.GetInt64(0), reader.GetFieldValue<byte[]>(1))
            : new ChainAppender(0, ChainHash.Genesis);
    }

    public async ValueTask<IReadOnlyList<DecisionRecord>> RecentAsync(string siteId, int count, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand("""
                SELECT body FROM (
                    SELECT position, body FROM bitgrid_event_log WHERE site_id = $1 AND kind IN ('decision', 'safety')
                    ORDER BY position DESC LIMIT $2) AS recent
                ORDER BY position;
                """, connection);
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = siteId });
            command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = Math.Max(0, count) });
            var records = new List<DecisionRecord>();
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                records.Add(JsonSerializer.Deserialize(reader.GetString(0), LogJson.Default.DecisionRecord)!);
            }
            return records;
        }
        catch (Exception e) when (database.Failure(e, cancellationToken) is { } failure)
        {
            throw failure;
        }
    }

    public async ValueTask<long> CountAsync(string siteId, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand(
                "SELECT COUNT(*) FROM bitgrid_event_log WHERE site_id = $1 AND kind IN ('decision', 'safety');", connection);
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = siteId });
            return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
        }
        catch (Exception e) when (database.Failure(e, cancellationToken) is { } failure)
        {
            throw failure;
        }
    }

    /// <summary>A site's records from <paramref name="fromPosition"/> on, in position order, streamed (one statement: one snapshot).</summary>
    public IEnumerable<StoredRecord> Read(string siteId, long fromPosition = 1) =>
        Query($"SELECT {Columns} FROM bitgrid_event_log WHERE site_id = $1 AND position >= $2 ORDER BY position;", siteId, fromPosition);

    /// <summary>
    /// A site's records of the given kinds whose time lies in [<paramref name="from"/>, <paramref name="to"/>) (null:
    /// open), in position order, streamed.
    /// </summary>
    public IEnumerable<StoredRecord> Read(string siteId, IReadOnlyCollection<string> kinds, DateTimeOffset? from, DateTimeOffset? to)
    {
        var sql = $"SELECT {Columns} FROM bitgrid_event_log WHERE site_id = $1 AND kind = ANY($2)"
            + (from is null ? "" : " AND at >= $3")
            + (to is null ? "" : from is null ? " AND at < $3" : " AND at < $4")
            + " ORDER BY position;";
        object[] values = [siteId, kinds.ToArray(), .. new[] { from, to }.Where(t => t is not null).Select(t => (object)LogTime.Format(t!.Value))];
        return Query(sql, values);
    }

    /// <summary>The sites the log holds records of, in ordinal order.</summary>
    public IReadOnlyList<string> Sites()
    {
        try
        {
            using var connection = database.OpenConnection();
            using var command = new NpgsqlCommand("SELECT DISTINCT site_id FROM bitgrid_event_log;", connection);
            using var reader = command.ExecuteReader();
            var sites = new List<string>();
            while (reader.Read())
            {
                sites.Add(reader.GetString(0));
            }
            sites.Sort(StringComparer.Ordinal);
            return sites;
        }
        catch (Exception e) when (database.Failure(e) is { } failure)
        {
            throw failure;
        }
    }

    /// <summary>
    /// Recomputes a site's chain from its first record (<see cref="ChainVerifier.Verify(IEnumerable{StoredRecord})"/>):
    /// trusts no trigger, so a record changed, removed or inserted with the triggers dropped is found, by position.
    /// </summary>
    public ChainReport Verify(string siteId) => ChainVerifier.Verify(Read(siteId));

    private Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken) => database.OpenConnectionAsync(cancellationToken);

    /// <summary>The rows of a query as records, streamed; a failure while reading is translated like every other.</summary>
    private IEnumerable<StoredRecord> Query(string sql, params object[] values)
    {
        using var rows = Rows(sql, values).GetEnumerator();
        while (true)
        {
            StoredRecord record;
            try
            {
                if (!rows.MoveNext())
                {
                    break;
                }
                record = rows.Current;
            }
            catch (Exception e) when (database.Failure(e) is { } failure)
            {
                throw failure;
            }
            yield return record;
        }
    }

    private IEnumerable<StoredRecord> Rows(string sql, object[] values)
    {
        using var connection = database.OpenConnection();
        using var command = new NpgsqlCommand(sql, connection);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            yield return new StoredRecord(
                reader.GetInt64(0),
                reader.GetString(1),
                reader.GetString(2),
                reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetString(4),
                reader.GetString(5),
                reader.GetFieldValue<byte[]>(6),
                reader.GetFieldValue<byte[]>(7));
        }
    }
}
