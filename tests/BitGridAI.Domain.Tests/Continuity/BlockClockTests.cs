using System.Text;
using BitGridAI.Domain.Time;

namespace BitGridAI.Domain.Tests.Continuity;

/// <summary>RULES.md §5: block_index = floor(unix_seconds / 600), block_id = its UTC start, valid until the end of the next block.</summary>
public sealed class BlockClockTests
{
    public static TheoryData<string, long, string> Times => new()
    {
        { "2026-01-01T00:00:00Z", 2_945_376, "2026-01-01T00:00:00Z" },
        { "2026-01-01T00:09:59.999Z", 2_945_376, "2026-01-01T00:00:00Z" },
        { "2026-01-01T00:10:00Z", 2_945_377, "2026-01-01T00:10:00Z" },
        { "2026-01-01T01:05:00+01:00", 2_945_376, "2026-01-01T00:00:00Z" },
        { "2025-12-31T23:59:59Z", 2_945_375, "2025-12-31T23:50:00Z" },
        { "1970-01-01T00:00:00Z", 0, "1970-01-01T00:00:00Z" },
        { "1970-01-01T00:09:59Z", 0, "1970-01-01T00:00:00Z" },
        { "1969-12-31T23:59:59Z", -1, "1969-12-31T23:50:00Z" },
        { "1969-12-31T23:59:59.500Z", -1, "1969-12-31T23:50:00Z" },
        { "1969-12-31T23:50:00Z", -1, "1969-12-31T23:50:00Z" },
        { "1969-12-31T23:49:59Z", -2, "1969-12-31T23:40:00Z" },
        { "1900-03-01T12:34:56Z", -3_673_077, "1900-03-01T12:30:00Z" },
    };

    [Theory]
    [MemberData(nameof(Times))]
    public void PlacesATimeInItsTenMinuteBlock(string time, long expectedIndex, string expectedId)
    {
        var index = BlockClock.IndexOf(DateTimeOffset.Parse(time));

        Assert.Equal(expectedIndex, index);
        Assert.Equal(expectedId, BlockClock.IdOf(index));
    }

    [Theory]
    [MemberData(nameof(Times))]
    public void WritesTheSameBlockIdWithoutAllocating(string time, long expectedIndex, string expectedId)
    {
        Span<byte> buffer = stackalloc byte[20];

        BlockClock.WriteId(BlockClock.IndexOf(DateTimeOffset.Parse(time)), buffer);

        Assert.Equal(expectedId, Encoding.ASCII.GetString(buffer));
        Assert.Equal(expectedIndex, BlockClock.IndexOf(DateTimeOffset.Parse(expectedId)));
    }

    [Fact]
    public void ADecisionIsValidUntilTheEndOfTheNextBlock()
    {
        var index = BlockClock.IndexOf(DateTimeOffset.Parse("2026-06-01T12:05:00Z"));

        Assert.Equal(DateTimeOffset.Parse("2026-06-01T12:00:00Z"), BlockClock.StartOf(index));
        Assert.Equal(DateTimeOffset.Parse("2026-06-01T12:20:00Z"), BlockClock.ValidUntil(index));
    }

    [Fact]
    public void ABlockBefore1970IsValidUntilTheEndOfTheNextBlock()
    {
        Assert.Equal(DateTimeOffset.Parse("1970-01-01T00:10:00Z"), BlockClock.ValidUntil(-1));
    }

    [Fact]
    public void TheDecisionCarriesTheBlockOfItsEvaluationTime()
    {
        var decision = Site.Sunny.At(DateTimeOffset.Parse("2026-01-01T00:10:00Z")).Decide();

        Assert.Equal(2_945_377, decision.BlockIndex);
    }
}
