using CsCheck;

namespace BitGridAI.Cli.Tests.Remote;

/// <summary>
/// Whatever the silo (or something posing as it) answers — a valid answer cut short, with a value swapped for
/// another JSON value, a character changed, or random text — under any status, the console ends with an exit code
/// and, when that is not 0, exactly one line on stderr: never a stack trace.
/// </summary>
public sealed class MutatedAnswerPropertyTests
{
    private static readonly (string[] Command, string Answer)[] Commands =
    [
        (["status"], ApiAnswers.Site),
        (["decisions"], ApiAnswers.Decisions),
        (["explain", "2026-06-21T12:00:00Z"], ApiAnswers.Block),
        (["explain", "2026-06-21T12:00:00Z", "--miner", "miner-1", "--json"], ApiAnswers.Block),
        (["kpis"], ApiAnswers.Kpis),
        (["override", "stop", "--minutes", "5"], ApiAnswers.Override),
        (["autonomy"], ApiAnswers.Autonomy),
        (["emergency-stop"], ApiAnswers.EmergencyStop),
        (["ack"], ApiAnswers.EmergencyStop),
        (["export"], ApiAnswers.Export),
    ];

    private static readonly string[] Values = ["null", "-1", "1e308", "\"\\u001b[31m\"", "[]", "{}", "\"[red]x[/]\"", "true", "\"\"", "[{}]"];

    private static readonly int[] Statuses = [200, 200, 200, 201, 202, 204, 400, 401, 403, 404, 409, 429, 500, 503, 302];

    private static readonly int[] ExitCodes = [0, 1, 2, 3, 4];

    private static readonly Gen<Func<string, string>> Mutation = Gen.OneOf(
        Gen.Int[0, 600].Select<int, Func<string, string>>(n => body => body[..Math.Min(n, body.Length)]),
        Gen.Select(Gen.Int[0, 4000], Gen.Char["{}[]\":,0-9aZ\\"]).Select<(int, char), Func<string, string>>(m => body =>
            body.Length == 0 ? body : string.Concat(body.AsSpan(0, m.Item1 % body.Length), m.Item2.ToString(), body.AsSpan((m.Item1 % body.Length) + 1))),
        Gen.Select(Gen.Int[0, 200], Gen.Int[0, Values.Length - 1].Select(i => Values[i])).Select<(int, string), Func<string, string>>(m => body =>
        {
            var colons = body.Select((c, i) => (c, i)).Where(p => p.c == ':' && body.LastIndexOf('"', p.i) == p.i - 1).Select(p => p.i).ToList();
            if (colons.Count == 0)
            {
                return body;
            }
            var at = colons[m.Item1 % colons.Count] + 1;
            var end = body.IndexOfAny([',', '}', ']'], at);
            return end < 0 ? body : string.Concat(body.AsSpan(0, at), m.Item2, body.AsSpan(end));
        }),
        Gen.Int[0, Values.Length - 1].Select<int, Func<string, string>>(i => _ => Values[i]),
        Gen.String.Select<string, Func<string, string>>(s => _ => s));

    [Fact]
    public void MutatedAnswersNeverCrashTheConsole()
    {
        using var silo = new FakeSilo(Canned.Json("{}"));
        Gen.Select(Gen.Int[0, Commands.Length - 1], Mutation.Array[1, 3], Gen.Int[0, Statuses.Length - 1], Gen.Bool).Sample(sample =>
        {
            var (command, mutations, status, problemType) = sample;
            var body = mutations.Aggregate(Commands[command].Answer, (text, mutate) => mutate(text));
            silo.Answer = _ => new Canned(Statuses[status], body, problemType ? "application/problem+json" : "application/json");

            var result = ApiConsole.Run(silo.Url, "bgt_x", Commands[command].Command);

            Assert.Contains(result.ExitCode, ExitCodes);
            if (result.ExitCode != 0)
            {
                Assert.Single(result.ErrLines);
                Assert.DoesNotContain("   at ", result.Err, StringComparison.Ordinal);
            }
            Assert.DoesNotContain('\u001b', result.Out);
            Assert.DoesNotContain('\u001b', result.Err);
        }, iter: 300);
    }
}
