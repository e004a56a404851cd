using BitGridAI.Storage.EventLog;

namespace BitGridAI.Storage.Export;

/// <summary>The site a data directory's log belongs to: the site of its newest record (one silo data directory serves one site).</summary>
public static class LogSite
{
    public static string? Of(EventLogStore store)
    {
        var (head, _) = store.Head();
        return head == 0 ? null : store.Read(head, head).FirstOrDefault()?.SiteId;
    }
}
