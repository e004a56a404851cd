using BitGridAI.Cli.Tests.Support;
using BitGridAI.Grains.Abstractions.Recording;
using CsCheck;

namespace BitGridAI.Cli.Tests.History;

/// <summary>Whatever a record's body holds, kpis and replay end with a clear exit code: mutated records are skipped and counted.</summary>
public sealed class MutatedLogPropertyTests
{
    private static readonly List<LogEntry> Recorded = SyntheticHistory.Entries(30);

    private static readonly string[] Values = ["null", "-1", "1e308", "\"x\"", "[]", "{}", "\"NaN\"", "true"];

    private static readonly int[] ExitCodesOfReplay = [0, 1];

    /// <summary>A body cut short, with a character changed, with a value swapped for another JSON value, or replaced.</summary>
    private static readonly Gen<Func<string, string>> Mutation = Gen.OneOf(
        Gen.Int[0, 400].Select<int, Func<string, string>>(n => body => body[..Math.Min(n, body.Length)]),
        Gen.Select(Gen.Int[0, 4000], Gen.Char["{}[]\":,0-9aZ"]).Select<(int, char), Func<string, string>>(m => body =>
            body.Length == 0 ? body : string.Concat(body.AsSpan(0, m.Item1 % body.Length), m.Item2.ToString(), body.AsSpan((m.Item1 % body.Length) + 1))),
        Gen.Select(Gen.Int[0, 40], Gen.Int[0, Values.Length - 1].Select(i => Values[i])).Select<(int, string), Func<string, string>>(m => body =>
        {
            var colons = body.Select((c, i) => (c, i)).Where(p => p.c == ':').Select(p => p.i).ToList();
            if (colons.Count == 0)
            {
                return body;
            }
            var at = colons[m.Item1 % colons.Count] + 1;
            var end = body.IndexOfAny([',', '}'], at);
            return end < 0 ? body : string.Concat(body.AsSpan(0, at), m.Item2, body.AsSpan(end));
        }),
        Gen.String.Select<string, Func<string, string>>(s => _ => s));

    [Fact]
    public void Mutated_bodies_never_crash_kpis_or_replay()
    {
        Gen.Select(Gen.Int[0, Recorded.Count - 1].Array[1, 6], Mutation.Array[6]).Sample(sample =>
        {
            var (targets, mutations) = sample;
            var entries = Recorded.ToList();
            for (var i = 0; i < targets.Length; i++)
            {
                var entry = entries[targets[i]];
                entries[targets[i]] = entry with { Body = mutations[i](entry.Body), DedupKey = null };
            }
            using var dir = new TempDirectory();
            SyntheticHistory.Create(dir.Path, entries);

            var kpis = Bitgrid.Run("kpis", "--data-dir", dir.Path, "--json");
            var replay = Bitgrid.Run("replay", "--data-dir", dir.Path);
            var whatIf = Bitgrid.Run("replay", "--data-dir", dir.Path, "--config", dir.File("c.json", """{"surplus_min_kw": 4}"""));

            Assert.Equal(0, kpis.ExitCode);
            Assert.Contains(replay.ExitCode, ExitCodesOfReplay);
            Assert.Equal(0, whatIf.ExitCode);
            Assert.Equal("total", kpis.JsonLines[^1].GetProperty("period").GetString());
        }, iter: 40);
    }

    [Fact]
    public void A_skipped_record_is_counted_on_stderr_and_the_check_does_not_claim_to_hold()
    {
        var entries = Recorded.ToList();
        entries[2] = entries[2] with { Body = "{not json" };
        using var dir = new TempDirectory();
        SyntheticHistory.Create(dir.Path, entries);

        var result = Bitgrid.Run("replay", "--data-dir", dir.Path);

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("skipped 1 record(s) that could not be used: 1 × ", Assert.Single(result.ErrLines), StringComparison.Ordinal);
        Assert.Equal("29 of 29 recorded decisions reproduced; 1 record(s) could not be read and were not checked (see stderr): not a full check", Assert.Single(result.OutLines));
    }
}
