using System.Text;
using BitGridAI.Grains.Abstractions.Recording;

namespace BitGridAI.Storage.EventLog;

/// <summary>
/// The one way a store links a new entry onto a chain (SQLite's <see cref="EventLogStore"/>, PostgreSQL's per-site
/// chains): <see cref="Link"/> hashes the entry at the head's next position on the head's hash — its time as
/// <see cref="LogTime"/> text, each field's UTF-8 bytes, an absent dedup key as length −1 (<see cref="ChainHash"/>) —
/// and <see cref="Advance"/> moves the head onto it once the store kept it (an entry whose dedup key the store already
/// holds is not kept and does not move the head). Buffers are reused from entry to entry; not thread-safe.
/// </summary>
public sealed class ChainAppender : IDisposable
{
    /// <summary>The hashed text fields, in hash order: kind, site id, time, dedup key, body.</summary>
    public const int Fields = 5;

    /// <summary>The index of the dedup key among <see cref="Fields"/>.</summary>
    public const int DedupKeyField = 3;

    private readonly ChainHash _hasher = new();
    private readonly byte[][] _buffers = [new byte[64], new byte[64], new byte[64], new byte[256], new byte[4096]];
    private readonly int[] _lengths = new int[Fields];
    private byte[] _head = new byte[ChainHash.Size];
    private byte[] _next = new byte[ChainHash.Size];

    /// <param name="position">The head's position (0: an empty chain).</param>
    /// <param name="hash">The head's hash (<see cref="ChainHash.Genesis"/> for an empty chain).</param>
    public ChainAppender(long position, ReadOnlySpan<byte> hash)
    {
        Position = position;
        hash.CopyTo(_head);
    }

    /// <summary>The head's position.</summary>
    public long Position { get; private set; }

    /// <summary>The head's hash: the previous hash of the linked entry.</summary>
    public ReadOnlySpan<byte> Hash => _head;

    /// <summary>The linked entry's position.</summary>
    public long NextPosition => Position + 1;

    /// <summary>The linked entry's hash.</summary>
    public ReadOnlySpan<byte> NextHash => _next;

    /// <summary>The linked entry's time as the log stores it.</summary>
    public string At { get; private set; } = "";

    /// <summary>Whether the linked entry has a dedup key.</summary>
    public bool HasDedupKey { get; private set; }

    /// <summary>A field of the linked entry as the UTF-8 bytes it was hashed with (an absent dedup key: empty).</summary>
    public ReadOnlySpan<byte> Utf8(int field) => _buffers[field].AsSpan(0, _lengths[field]);

    /// <summary>Hashes <paramref name="entry"/> as the record after the head; the head stays until <see cref="Advance"/>.</summary>
    public void Link(LogEntry entry)
    {
        At = LogTime.Format(entry.At);
        HasDedupKey = entry.DedupKey is not null;
        Put(0, entry.Kind);
        Put(1, entry.SiteId);
        Put(2, At);
        Put(DedupKeyField, entry.DedupKey ?? "");
        Put(4, entry.Body);
        _hasher.Begin(_head, NextPosition);
        for (var f = 0; f < Fields; f++)
        {
            _hasher.Field(Utf8(f), present: f != DedupKeyField || HasDedupKey);
        }
        _hasher.Finish(_next);
    }

    /// <summary>The linked entry was stored: it becomes the head.</summary>
    public void Advance()
    {
        (_head, _next) = (_next, _head);
        Position++;
    }

    private void Put(int field, string text)
    {
        var max = Encoding.UTF8.GetMaxByteCount(text.Length);
        if (_buffers[field].Length < max)
        {
            _buffers[field] = new byte[Math.Max(max, _buffers[field].Length * 2)];
        }
        _lengths[field] = Encoding.UTF8.GetBytes(text, _buffers[field]);
    }

    public void Dispose() => _hasher.Dispose();
}
