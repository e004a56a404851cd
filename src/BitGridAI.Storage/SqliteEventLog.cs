using System.Globalization;
using System.Text.Json;
using BitGridAI.Grains.Abstractions.Messages;
using BitGridAI.Grains.Abstractions.Ports;

namespace BitGridAI.Storage;

/// <summary>The decision log in SQLite (WAL): one row per decision, unique per site, miner and block.</summary>
public sealed class SqliteEventLog : IEventLog
{
    public const string Script = "event-log.sql";

    private readonly SqliteDatabase _database;

    public SqliteEventLog(SqliteDatabase database)
    {
        _database = database;
        _database.Apply(Script);
    }

    public async ValueTask<bool> AppendAsync(DecisionRecord decision, CancellationToken cancellationToken)
    {
        await using var connection = _database.Open();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO decision_log (site_id, miner_id, block_id, trigger, sequence, code, decided_at, recorded_at, record_json)
            VALUES (@site, @miner, @block, @trigger, @sequence, @code, @decided, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), @json)
            ON CONFLICT (site_id, miner_id, block_id, trigger, code) DO NOTHING;
            """;
        command.Parameters.AddWithValue("@site", decision.SiteId);
        command.Parameters.AddWithValue("@miner", decision.MinerId);
        command.Parameters.AddWithValue("@block", decision.BlockId);
        command.Parameters.AddWithValue("@trigger", decision.Trigger);
        command.Parameters.AddWithValue("@sequence", decision.Sequence);
        command.Parameters.AddWithValue("@code", decision.DecisionCode);
        command.Parameters.AddWithValue("@decided", decision.DecidedAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
        command.Parameters.AddWithValue("@json", JsonSerializer.Serialize(decision));
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async ValueTask<IReadOnlyList<DecisionRecord>> RecentAsync(string siteId, int count, CancellationToken cancellationToken)
    {
        await using var connection = _database.Open();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT record_json FROM (
                SELECT position, record_json FROM decision_log WHERE site_id = @site ORDER BY position DESC LIMIT @count)
            ORDER BY position;
            """;
        command.Parameters.AddWithValue("@site", siteId);
        command.Parameters.AddWithValue("@count", Math.Max(0, count));
        var records = new List<DecisionRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            records.Add(JsonSerializer.Deserialize<DecisionRecord>(reader.GetString(0))!);
        }
        return records;
    }

    public async ValueTask<long> CountAsync(string siteId, CancellationToken cancellationToken)
    {
        await using var connection = _database.Open();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM decision_log WHERE site_id = @site;";
        command.Parameters.AddWithValue("@site", siteId);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
