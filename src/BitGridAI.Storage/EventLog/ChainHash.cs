using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace BitGridAI.Storage.EventLog;

/// <summary>
/// The chain's hash: SHA-256 over the previous record's hash followed by this record's canonical bytes — its
/// position (8 bytes, big-endian), then kind, site id, time, dedup key and body, each as a 4-byte big-endian
/// length and its UTF-8 bytes (an absent key has length −1). Changing any stored field of any record, or
/// removing or reordering one, changes every hash after it.
/// </summary>
public static class ChainHash
{
    public const int Size = 32;

    /// <summary>The "previous hash" of the first record: 32 zero bytes.</summary>
    public static ReadOnlySpan<byte> Genesis => new byte[Size];

    public static byte[] Compute(ReadOnlySpan<byte> previous, long position, string kind, string siteId, string at, string? dedupKey, string body)
    {
        var length = Size + 8 + Field(kind) + Field(siteId) + Field(at) + Field(dedupKey) + Field(body);
        var rented = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            var span = rented.AsSpan(0, length);
            previous.CopyTo(span);
            var offset = Size;
            BinaryPrimitives.WriteInt64BigEndian(span[offset..], position);
            offset += 8;
            offset = Write(span, offset, kind);
            offset = Write(span, offset, siteId);
            offset = Write(span, offset, at);
            offset = Write(span, offset, dedupKey);
            Write(span, offset, body);
            return SHA256.HashData(span);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private static int Field(string? text) => 4 + (text is null ? 0 : Encoding.UTF8.GetByteCount(text));

    private static int Write(Span<byte> span, int offset, string? text)
    {
        if (text is null)
        {
            BinaryPrimitives.WriteInt32BigEndian(span[offset..], -1);
            return offset + 4;
        }
        var written = Encoding.UTF8.GetBytes(text, span[(offset + 4)..]);
        BinaryPrimitives.WriteInt32BigEndian(span[offset..], written);
        return offset + 4 + written;
    }
}
