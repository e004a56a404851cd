using BitGridAI.Storage.EventLog;
using CsCheck;

namespace BitGridAI.Storage.Tests;

/// <summary>A segment file comes back from an archive or a mirror: whatever is in it, reading fails with a message or succeeds, never crashes.</summary>
public sealed class SegmentFilePropertyTests
{
    private static readonly byte[] Valid = SegmentFile.Write(1,
    [
        .. Enumerable.Range(1, 5).Select(i => new StoredRecord(i, "override", "home", "2026-06-21T05:00:00.0000000Z", null, $"{{\"n\":{i}}}",
            new byte[32], System.Security.Cryptography.SHA256.HashData(BitConverter.GetBytes(i)))),
    ]);

    [Fact]
    public void RandomBytesAreRejectedWithAMessage() =>
        Gen.Byte.Array[0, 2000].Sample(bytes => Reads(bytes), iter: 2000);

    [Fact]
    public void MutatedSegmentsAreRejectedWithAMessageOrReadWhole() =>
        Gen.Select(Gen.Int[0, Valid.Length - 1], Gen.Byte, Gen.Int[0, Valid.Length]).Sample((at, value, cut) =>
        {
            var mutated = Valid.ToArray();
            mutated[at] = value;
            Reads(mutated);
            Reads(Valid[..cut]);
        }, iter: 3000);

    private static void Reads(byte[] bytes)
    {
        try
        {
            var (_, _, records) = SegmentFile.Read(bytes);
            Assert.All(records, r => Assert.NotNull(r.Body));
        }
        catch (FormatException e)
        {
            Assert.False(string.IsNullOrWhiteSpace(e.Message));
        }
    }
}
