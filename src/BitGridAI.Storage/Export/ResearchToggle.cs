using System.Text.Json;
using BitGridAI.Grains.Abstractions.Recording;
using BitGridAI.Storage.EventLog;

namespace BitGridAI.Storage.Export;

/// <summary>
/// The research toggle lives in the event log itself: its state is the newest <c>research</c> record, so every
/// switch is audited in the hash chain and there is no second place (a settings file) that could disagree with it.
/// No record yet means off: nothing leaves the site until someone turns it on.
/// </summary>
public static class ResearchToggle
{
    /// <summary>The newest research record, or null when the toggle was never switched (off).</summary>
    public static ResearchSwitch? Current(EventLogStore store)
    {
        var record = store.Last(LogKinds.Research);
        if (record is null)
        {
            return null;
        }
        try
        {
            var body = JsonSerializer.Deserialize(record.Body, LogJson.Default.ResearchBody) ?? throw new JsonException("the body is null");
            return new ResearchSwitch(body.Enabled, body.RequestedBy, record.At, record.Position);
        }
        catch (JsonException e)
        {
            throw new StorageException($"research record {record.Position} cannot be read ({e.Message}); run verify-log", e);
        }
    }

    public static bool IsEnabled(EventLogStore store) => Current(store)?.Enabled == true;

    /// <summary>
    /// Appends a research record (safe while the silo runs: appends from several processes extend one chain).
    /// <paramref name="siteId"/> defaults to the log's own site; an empty log needs it named.
    /// </summary>
    public static void Set(EventLogStore store, bool enabled, string requestedBy, TimeProvider time, string? siteId = null)
    {
        var site = siteId ?? LogSite.Of(store)
            ?? throw new StorageException("the event log holds no record yet, so its site is unknown: name the site");
        store.Append([LogEntries.Of(site, time.GetUtcNow(), new ResearchBody(enabled, requestedBy))]);
    }
}
