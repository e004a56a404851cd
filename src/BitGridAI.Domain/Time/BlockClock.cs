namespace BitGridAI.Domain.Time;

/// <summary>
/// The 10-minute block grid (RULES.md §5): <c>block_index = floor(unix_seconds / 600)</c>, named by
/// its UTC start. A decision is valid until the end of the next block.
/// </summary>
public static class BlockClock
{
    public const int BlockSeconds = 600;

    public static long IndexOf(DateTimeOffset time) => IndexOf(time.ToUnixTimeSeconds());

    public static long IndexOf(long unixSeconds) => (long)Math.Floor(unixSeconds / (double)BlockSeconds);

    public static DateTimeOffset StartOf(long blockIndex) => DateTimeOffset.FromUnixTimeSeconds(blockIndex * BlockSeconds);

    /// <summary>The block id, <c>yyyy-MM-ddTHH:mm:ssZ</c> of the block's UTC start.</summary>
    public static string IdOf(long blockIndex) => StartOf(blockIndex).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'");

    /// <summary>End of the block after this one: a decision's validity.</summary>
    public static DateTimeOffset ValidUntil(long blockIndex) => StartOf(blockIndex + 2);

    /// <summary>Writes the block id as 20 ASCII bytes without allocating (replay writes half a million of them).</summary>
    public static void WriteId(long blockIndex, Span<byte> destination)
    {
        var t = StartOf(blockIndex).UtcDateTime;
        Digits(destination[..4], t.Year);
        destination[4] = (byte)'-';
        Digits(destination.Slice(5, 2), t.Month);
        destination[7] = (byte)'-';
        Digits(destination.Slice(8, 2), t.Day);
        destination[10] = (byte)'T';
        Digits(destination.Slice(11, 2), t.Hour);
        destination[13] = (byte)':';
        Digits(destination.Slice(14, 2), t.Minute);
        destination[16] = (byte)':';
        Digits(destination.Slice(17, 2), t.Second);
        destination[19] = (byte)'Z';
    }

    private static void Digits(Span<byte> destination, int value)
    {
        for (var i = destination.Length - 1; i >= 0; i--)
        {
            destination[i] = (byte)('0' + (value % 10));
            value /= 10;
        }
    }
}
