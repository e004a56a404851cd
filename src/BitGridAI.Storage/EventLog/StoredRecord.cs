namespace BitGridAI.Storage.EventLog;

/// <summary>A record as the log holds it: the entry, its place in the chain and the hashes that bind it there.</summary>
public sealed record StoredRecord(
    long Position,
    string Kind,
    string SiteId,
    string At,
    string? DedupKey,
    string Body,
    byte[] PrevHash,
    byte[] Hash)
{
    /// <summary>The hash this record must carry, computed from its fields and <see cref="PrevHash"/>.</summary>
    public byte[] ExpectedHash() => ChainHash.Compute(PrevHash, Position, Kind, SiteId, At, DedupKey, Body);

    public DateTimeOffset Time => LogTime.Parse(At);
}
