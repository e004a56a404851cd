using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace BitGridAI.Storage.EventLog;

/// <summary>
/// The chain's hash: SHA-256 over the previous record's hash followed by this record's canonical bytes — its
/// position (8 bytes, big-endian), then kind, site id, time, dedup key and body, each as a 4-byte big-endian
/// length and its UTF-8 bytes (an absent key has length −1). Changing any stored field of any record, or
/// removing or reordering one, changes every hash after it.
/// One instance hashes many records without allocating per record (appends and verification run it per row);
/// it is not thread-safe.
/// </summary>
public sealed class ChainHash : IDisposable
{
    public const int Size = 32;

    private readonly IncrementalHash _sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly byte[] _number = new byte[8];
    private byte[] _text = new byte[4096];

    [ThreadStatic]
    private static ChainHash? _shared;

    /// <summary>The "previous hash" of the first record: 32 zero bytes.</summary>
    public static ReadOnlySpan<byte> Genesis => new byte[Size];

    /// <summary>The hash of a record with these fields, on a hasher kept per thread.</summary>
    public static byte[] Compute(ReadOnlySpan<byte> previous, long position, string kind, string siteId, string at, string? dedupKey, string body)
    {
        var hasher = _shared ??= new ChainHash();
        var hash = new byte[Size];
        hasher.Compute(previous, position, kind, siteId, at, dedupKey, body, hash);
        return hash;
    }

    public void Compute(ReadOnlySpan<byte> previous, long position, string kind, string siteId, string at, string? dedupKey, string body, Span<byte> hash)
    {
        Begin(previous, position);
        Text(kind);
        Text(siteId);
        Text(at);
        Text(dedupKey);
        Text(body);
        _sha.GetHashAndReset(hash);
    }

    /// <summary>Starts a record given as stored bytes (verification reads UTF-8 straight from the file, no strings).</summary>
    public void Begin(ReadOnlySpan<byte> previous, long position)
    {
        _sha.AppendData(previous);
        BinaryPrimitives.WriteInt64BigEndian(_number, position);
        _sha.AppendData(_number);
    }

    /// <summary>Adds a field as its UTF-8 bytes; <paramref name="present"/> false is an absent dedup key.</summary>
    public void Field(ReadOnlySpan<byte> utf8, bool present = true)
    {
        BinaryPrimitives.WriteInt32BigEndian(_number, present ? utf8.Length : -1);
        _sha.AppendData(_number.AsSpan(0, 4));
        _sha.AppendData(utf8);
    }

    public void Finish(Span<byte> hash) => _sha.GetHashAndReset(hash);

    private void Text(string? text)
    {
        if (text is null)
        {
            Field([], present: false);
            return;
        }
        var length = Encoding.UTF8.GetMaxByteCount(text.Length);
        if (_text.Length < length)
        {
            _text = new byte[Math.Max(length, _text.Length * 2)];
        }
        Field(_text.AsSpan(0, Encoding.UTF8.GetBytes(text, _text)));
    }

    public void Dispose() => _sha.Dispose();
}
