using System.Text.Json;
using BitGridAI.Grains.Abstractions.Messages;
using BitGridAI.Grains.Abstractions.Ports;
using BitGridAI.Grains.Abstractions.Recording;
using BitGridAI.Storage.EventLog;

namespace BitGridAI.Storage;

/// <summary>The recorder's port onto the hash-chained event log in <c>events.db</c> (<see cref="EventLogStore"/>).</summary>
public sealed class SqliteEventLog(EventLogStore store) : IEventLog
{
    public EventLogStore Store => store;

    public ValueTask<IReadOnlyList<bool>> AppendAsync(IReadOnlyList<LogEntry> entries, CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlyList<bool>>(store.Append(entries));

    public ValueTask<IReadOnlyList<DecisionRecord>> RecentAsync(string siteId, int count, CancellationToken cancellationToken)
    {
        using var connection = store.Database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT body FROM (
                SELECT position, body FROM event_log WHERE site_id = $site AND kind IN ('decision', 'safety') ORDER BY position DESC LIMIT $count)
            ORDER BY position;
            """;
        command.Parameters.AddWithValue("$site", siteId);
        command.Parameters.AddWithValue("$count", Math.Max(0, count));
        var records = new List<DecisionRecord>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            records.Add(JsonSerializer.Deserialize(reader.GetString(0), LogJson.Default.DecisionRecord)!);
        }
        return ValueTask.FromResult<IReadOnlyList<DecisionRecord>>(records);
    }

    public ValueTask<long> CountAsync(string siteId, CancellationToken cancellationToken)
    {
        using var connection = store.Database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM event_log WHERE site_id = $site AND kind IN ('decision', 'safety');";
        command.Parameters.AddWithValue("$site", siteId);
        return ValueTask.FromResult((long)command.ExecuteScalar()!);
    }
}
